package io.deltabridge.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One published change in a form both sides produce: from Spark's {@code table_changes} and from the decoded
 * events on the topic. {@code before} is the Debezium {@code before} (the pre-image of an update, the deleted
 * row); {@code after} the row (null for deletes). Compared as text, rows as JSON trees (key order ignored).
 */
record ChangeEvent(
        long version, long commitTimestampMillis, String changeType, JsonNode key, JsonNode before, JsonNode after)
        implements Comparable<ChangeEvent> {

    @Override
    public int compareTo(ChangeEvent o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return "v" + version + " @" + commitTimestampMillis + " " + changeType + " " + canonical(key) + " before="
                + canonical(before) + " after=" + canonical(after);
    }

    /** JSON text with object fields sorted by name at every level (map entries and column order do not matter). */
    static String canonical(JsonNode node) {
        if (node == null || !node.isContainerNode()) {
            return String.valueOf(node);
        }
        if (node.isArray()) {
            StringJoiner items = new StringJoiner(",", "[", "]");
            node.forEach(n -> items.add(canonical(n)));
            return items.toString();
        }
        StringJoiner fields = new StringJoiner(",", "{", "}");
        new TreeMap<>(node.properties().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .forEach((k, v) -> fields.add(TextNode.valueOf(k) + ":" + canonical(v)));
        return fields.toString();
    }
}
