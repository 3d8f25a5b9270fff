package io.deltabridge.interop;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One published change in a form both sides produce: from Spark's {@code table_changes} and from the decoded
 * events on the topic. {@code before} is the Debezium {@code before} (the pre-image of an update, the deleted
 * row); {@code after} the row (null for deletes). Compared as text, rows as JSON trees (key order ignored).
 */
record ChangeEvent(long version, long commitTimestampMillis, String changeType, JsonNode key, JsonNode before,
        JsonNode after) implements Comparable<ChangeEvent> {

    @Override
    public int compareTo(ChangeEvent o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return "v" + version + " @" + commitTimestampMillis + " " + changeType + " " + key + " before=" + before
                + " after=" + after;
    }
}
