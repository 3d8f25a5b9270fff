package io.deltabridge.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltabridge.testkit.ConsumedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The change feed a table must publish, kept beside the writes that make it: per key (the row id),
 * its changes as {@code "<version> <change type>"} in commit order. With {@code changes: [insert,
 * update, delete]} an insert publishes {@code insert}, an update {@code update_postimage} and a delete
 * a tombstone with change type {@code delete}.
 */
final class ExpectedChanges {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * Fails unless {@code published} holds every change once, per key in commit order (a key's
     * events share a partition: offset order).
     */
    void assertPublishedOnce(String mapping, List<ConsumedRecord> published) {
        Map<Long, List<String>> actual = new TreeMap<>();
        Set<String> eventIds = new HashSet<>();
        int duplicateIds = 0;
        for (ConsumedRecord e : published) {
            actual.computeIfAbsent(id(e), k -> new ArrayList<>())
                    .add(e.headerString("deltabridge.version") + " " + e.headerString("deltabridge.change.type"));
            duplicateIds += eventIds.add(e.headerString("ce_id")) ? 0 : 1;
        }
        if (!byKey.equals(actual)) {
            List<String> diff = new ArrayList<>();
            Set<Long> keys = new HashSet<>(byKey.keySet());
            keys.addAll(actual.keySet());
            keys.stream()
                    .sorted()
                    .filter(k -> !byKey.getOrDefault(k, List.of()).equals(actual.getOrDefault(k, List.of())))
                    .limit(20)
                    .forEach(k -> diff.add("id " + k + ": expected " + byKey.get(k) + ", published " + actual.get(k)));
            throw new AssertionError(mapping + ": " + published.size() + " events for " + events + " changes ("
                    + duplicateIds + " repeated ce_id); first differing keys:\n" + String.join("\n", diff));
        }
        assertEquals(0, duplicateIds, mapping + ": repeated ce_id");
        assertEquals(events, published.size(), mapping);
    }

    private static long id(ConsumedRecord e) {
        try {
            return JSON.readTree(e.key()).get("id").asLong();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void add(long id, long version, String changeType) {
        byKey.computeIfAbsent(id, k -> new ArrayList<>()).add(version + " " + changeType);
        events++;
    }
}
