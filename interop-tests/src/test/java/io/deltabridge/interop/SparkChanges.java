package io.deltabridge.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.Envelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Spark says the bridge must publish: {@code table_changes_by_path(path, start, end)} turned into the
 * events of SPEC §4 for one {@code changes} filter and envelope (pre-images never their own event; with
 * {@code debezium} an update's pre-image is its {@code before}, a delete's row its {@code before}).
 */
final class SparkChanges {
    private static final List<String> CDF_COLUMNS = List.of("_change_type", "_commit_version", "_commit_timestamp");

    private SparkChanges() {}

    /** Spark's change feed rows of versions {@code start..end}, or its refusal. */
    static SparkSql.Answer feed(SparkSql spark, String table, long start, long end) {
        return spark.answer("SELECT * FROM table_changes_by_path('" + table + "', " + start + ", " + end + ")");
    }

    static List<ChangeEvent> events(
            List<ObjectNode> feed, List<String> key, Set<ChangeKind> changes, Envelope envelope) {
        Map<String, JsonNode> preImages = new HashMap<>();
        for (ObjectNode row : feed) {
            if (row.get("_change_type").asText().equals("update_preimage")) {
                preImages.put(row.get("_commit_version").asLong() + " " + keyOf(row, key), values(row));
            }
        }
        List<ChangeEvent> events = new ArrayList<>();
        for (ObjectNode row : feed) {
            String type = row.get("_change_type").asText();
            ChangeKind kind = switch (type) {
                case "insert" -> ChangeKind.INSERT;
                case "update_postimage" -> ChangeKind.UPDATE;
                case "delete" -> ChangeKind.DELETE;
                default -> null;
            };
            if (kind == null || !changes.contains(kind)) {
                continue;
            }
            long version = row.get("_commit_version").asLong();
            long millis = Instant.parse(row.get("_commit_timestamp").asText()).toEpochMilli();
            JsonNode k = keyOf(row, key);
            JsonNode before = envelope == Envelope.ROW
                    ? null
                    : kind == ChangeKind.DELETE
                            ? values(row)
                            : kind == ChangeKind.UPDATE ? preImages.get(version + " " + k) : null;
            JsonNode after = kind == ChangeKind.DELETE ? null : values(row);
            events.add(new ChangeEvent(version, millis, type, k, before, after));
        }
        events.sort(null);
        return events;
    }

    private static JsonNode values(ObjectNode row) {
        ObjectNode v = row.deepCopy();
        v.remove(CDF_COLUMNS);
        return v;
    }

    private static JsonNode keyOf(ObjectNode row, List<String> key) {
        ObjectNode k = SparkSql.JSON.createObjectNode();
        key.forEach(c -> k.set(c, row.get(c)));
        return k;
    }
}
