package io.deltabridge.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The change feed a table must publish, kept beside the writes that make it: per key (the row id),
 * its changes as {@code "<version> <change type>"} in commit order. With {@code changes: [insert,
 * update, delete]} an insert publishes {@code insert}, an update {@code update_postimage} and a delete
 * a tombstone with change type {@code delete}.
 */
final class ExpectedChanges {
    private final NavigableSet<Long> live = new TreeSet<>();
    private final Map<Long, List<String>> byKey = new TreeMap<>();
    private long events;

    void inserted(long version, long fromId, long count) {
        for (long id = fromId; id < fromId + count; id++) {
            live.add(id);
            add(id, version, "insert");
        }
    }

    /** The live ids in {@code [fromId, toId)} were updated in {@code version}; returns how many. */
    long updated(long version, long fromId, long toId) {
        List<Long> ids = List.copyOf(live.subSet(fromId, toId));
        ids.forEach(id -> add(id, version, "update_postimage"));
        return ids.size();
    }

    /** The live ids in {@code [fromId, toId)} were deleted in {@code version}; returns how many. */
    long deleted(long version, long fromId, long toId) {
        List<Long> ids = List.copyOf(live.subSet(fromId, toId));
        ids.forEach(id -> add(id, version, "delete"));
        ids.forEach(live::remove);
        return ids.size();
    }

    /** How many live ids {@code [fromId, toId)} holds. */
    long liveIn(long fromId, long toId) {
        return live.subSet(fromId, toId).size();
    }

    Map<Long, List<String>> byKey() {
        return byKey;
    }

    long events() {
        return events;
    }

    private void add(long id, long version, String changeType) {
        byKey.computeIfAbsent(id, k -> new ArrayList<>()).add(version + " " + changeType);
        events++;
    }
}
