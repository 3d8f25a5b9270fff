package io.deltabridge.k2d;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltabridge.core.lineage.LineageHeaders;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.DeltaFixture;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A golden table's rows at each version, rebuilt from Spark's change feed of it, and where each
 * version's events are in the one-partition topic delta → kafka published them to (their
 * {@code deltabridge.version} header).
 */
final class SourceStates {
    private static final List<String> CDF_COLUMNS = List.of("_change_type", "_commit_version", "_commit_timestamp");

    private final List<ObjectNode> changes;
    private final List<String> key;
    /** Per version with events: the offset of its first event and the offset after its last one. */
    private final Map<Long, long[]> ranges = new TreeMap<>();

    SourceStates(DeltaFixture fixture, List<ConsumedRecord> events) {
        this.changes = fixture.expectedCdf();
        this.key = fixture.key();
        for (ConsumedRecord e : events) {
            long[] range = ranges.computeIfAbsent(
                    Long.parseLong(e.headerString(LineageHeaders.VERSION)), v -> new long[] {e.offset(), 0});
            range[1] = e.offset() + 1;
        }
    }

    long lastVersion() {
        return changes.get(changes.size() - 1).get("_commit_version").asLong();
    }

    long versionsWithEvents() {
        return ranges.size();
    }

    /**
     * The version whose events, and those of every version before it, lie below {@code offset}, while
     * none of a later version's does; null when {@code offset} is inside a version's events.
     */
    Long versionAppliedBelow(long offset) {
        Long applied = null;
        for (Map.Entry<Long, long[]> e : ranges.entrySet()) {
            if (e.getValue()[1] <= offset) {
                applied = e.getKey();
            } else if (e.getValue()[0] < offset) {
                return null;
            }
        }
        return applied;
    }

    /** The rows by key after {@code version}. */
    Map<String, ObjectNode> at(long version) {
        Map<String, ObjectNode> rows = new TreeMap<>();
        for (ObjectNode c : changes) {
            if (c.get("_commit_version").asLong() > version) {
                break;
            }
            ObjectNode row = c.deepCopy();
            CDF_COLUMNS.forEach(row::remove);
            switch (c.get("_change_type").asText()) {
                case "insert", "update_postimage" -> rows.put(keyOf(row, key), TableRows.normalise(row));
                case "delete" -> rows.remove(keyOf(row, key));
                default -> {} // the pre-image: its post-image follows
            }
        }
        return rows;
    }

    static String keyOf(ObjectNode row, List<String> key) {
        return key.stream().map(c -> row.get(c).toString()).toList().toString();
    }
}
