package io.deltabridge.k2d.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.error.RetriableBridgeException;
import io.deltabridge.core.vector.BatchBuilder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The appender on real Delta tables: offsets in the commit, refusal when another writer moved them, concurrent writers. */
class DeltaAppenderTest {
    static final StructType SCHEMA = new StructType().add("id", LongType.LONG).add("day", StringType.STRING);
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private final Engine engine = DeltaEngines.create(Map.of());

    /** Rows {@code from..to} of {@link #SCHEMA}: ids, and {@code day} alternating between two values. */
    static BatchBuilder rows(long from, long to) {
        BatchBuilder b = new BatchBuilder(SCHEMA);
        for (long i = from; i < to; i++) {
            b.startRow();
            b.column(0).appendLong(i);
            b.column(1).appendString("d" + (i % 2));
            b.commitRow();
        }
        return b;
    }

    private static Map<TopicPartition, Long> offsets(Object... pairs) {
        Map<TopicPartition, Long> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((TopicPartition) pairs[i], (Long) pairs[i + 1]);
        }
        return m;
    }

    @Test
    void commitsDataAndOffsetsTogetherAndRefusesMovedOffsets(@TempDir Path dir) {
        String table = dir.resolve("t").toString();
        DeltaAppender a = DeltaAppender.create(
                engine, table, SCHEMA, List.of("day"), Map.of("delta.enableChangeDataFeed", "true"), "d.a");
        PendingWrite w = a.write(rows(0, 10).build());
        assertEquals(2, w.groups().size(), "one write per partition value");
        long v1 = a.commit(w, offsets(), offsets(P0, 10L));
        assertEquals(1, v1);
        assertEquals(offsets(P0, 10L), a.refreshOffsets());

        // a second writer that still believes P0 has no offset would duplicate records 0..9
        DeltaAppender stale =
                DeltaAppender.open(engine, DeltaAppender.latest(engine, table).orElseThrow(), "d.a");
        OffsetsMovedException moved = assertThrows(
                OffsetsMovedException.class,
                () -> stale.commit(stale.write(rows(0, 10).build()), offsets(), offsets(P0, 10L)));
        assertEquals(java.util.Set.of(P0), moved.partitions());
        assertEquals(offsets(P0, 10L), a.refreshOffsets(), "nothing committed");
    }

    @Test
    void createUsesTheTableAnotherInstanceCreatedSinceItLookedForIt(@TempDir Path dir) {
        // two instances of a mapping with create: true start together; both find no table, one creates it first
        String table = dir.resolve("t").toString();
        DeltaAppender first = DeltaAppender.create(engine, table, SCHEMA, List.of(), Map.of(), "d.a");
        first.commit(first.write(rows(0, 3).build()), offsets(), offsets(P0, 3L));

        DeltaAppender second = DeltaAppender.create(engine, table, SCHEMA, List.of(), Map.of(), "d.a");
        assertEquals(1, second.snapshot().getVersion(), "the other instance's table, as it is");
        assertEquals(offsets(P0, 3L), second.refreshOffsets());
    }

    @Test
    void concurrentWritersOfOtherPartitionsMergeTheirOffsets(@TempDir Path dir) {
        String table = dir.resolve("t").toString();
        DeltaAppender a = DeltaAppender.create(engine, table, SCHEMA, List.of(), Map.of(), "d.a");
        DeltaAppender b =
                DeltaAppender.open(engine, DeltaAppender.latest(engine, table).orElseThrow(), "d.a");
        PendingWrite wa = a.write(rows(0, 5).build());
        PendingWrite wb = b.write(rows(5, 9).build());
        a.commit(wa, offsets(), offsets(P0, 5L));
        // b's transaction started before a's commit: the domain conflicts, b reloads, re-checks P1 and merges
        long vb = b.commit(wb, offsets(), offsets(P1, 4L));
        assertEquals(2, vb);
        assertEquals(offsets(P0, 5L, P1, 4L), a.refreshOffsets());
        assertTrue(DeltaAppender.latest(engine, table)
                .orElseThrow()
                .getProtocol()
                .getWriterFeatures()
                .contains("domainMetadata"));
    }

    @Test
    void aSparkTableWithoutDomainMetadataGetsTheFeatureOnTheFirstCommit(@TempDir Path dir) {
        var fixture = io.deltabridge.testkit.DeltaFixtures.copy("basic", dir);
        String table = fixture.table().toString();
        var before = DeltaAppender.latest(engine, table).orElseThrow();
        assertTrue(
                !before.getProtocol().getWriterFeatures().contains("domainMetadata"),
                "the Spark fixture lacks the feature");
        DeltaAppender a = DeltaAppender.open(engine, before, "d.a");
        BatchBuilder b = new BatchBuilder(a.schema());
        b.startRow();
        b.column(0).appendInt(1000);
        b.commitRow();
        a.commit(a.write(b.build()), offsets(), offsets(P0, 1L));
        var after = DeltaAppender.latest(engine, table).orElseThrow();
        assertTrue(after.getProtocol().getWriterFeatures().contains("domainMetadata"));
        assertEquals(before.getVersion() + 1, after.getVersion());
        assertEquals(offsets(P0, 1L), a.refreshOffsets());
    }

    @Test
    void aCommitWhoseAnswerIsLostIsResolvedFromTheStoredOffsets(@TempDir Path dir) {
        String table = dir.resolve("t").toString();
        DeltaAppender.create(engine, table, SCHEMA, List.of(), Map.of(), "d.a");
        LosingCommitsEngine losing = new LosingCommitsEngine(engine, true, 1);
        DeltaAppender a =
                DeltaAppender.open(losing, DeltaAppender.latest(engine, table).orElseThrow(), "d.a");
        assertEquals(1, a.commit(a.write(rows(0, 10).build()), offsets(), offsets(P0, 10L)));
        assertEquals(0, losing.faults.get(), "the fault was hit");
        assertEquals(1, DeltaAppender.latest(engine, table).orElseThrow().getVersion(), "committed once, not twice");
        assertEquals(offsets(P0, 10L), a.refreshOffsets());
    }

    @Test
    void commitsThatNeverLandStopAfterABoundedNumberOfAttempts(@TempDir Path dir) {
        String table = dir.resolve("t").toString();
        DeltaAppender.create(engine, table, SCHEMA, List.of(), Map.of(), "d.a");
        LosingCommitsEngine losing = new LosingCommitsEngine(engine, false, Integer.MAX_VALUE);
        DeltaAppender a =
                DeltaAppender.open(losing, DeltaAppender.latest(engine, table).orElseThrow(), "d.a");
        PendingWrite w = a.write(rows(0, 10).build());
        long started = System.nanoTime();
        RetriableBridgeException e =
                assertThrows(RetriableBridgeException.class, () -> a.commit(w, offsets(), offsets(P0, 10L)));
        assertTrue(e.getMessage().contains(table) || e.getMessage().contains("file:" + table), e.getMessage());
        assertTrue(
                Integer.MAX_VALUE - losing.faults.get() <= 40,
                "bounded attempts: " + (Integer.MAX_VALUE - losing.faults.get()));
        assertTrue(System.nanoTime() - started < 60_000_000_000L, "gave up within a minute");
        assertEquals(0, DeltaAppender.latest(engine, table).orElseThrow().getVersion(), "nothing committed");
    }

    @Test
    void offsetsRoundTripThroughJson() {
        Map<TopicPartition, Long> m = offsets(P0, 3L, P1, Long.MAX_VALUE, new TopicPartition("other.topic", 12), 0L);
        assertEquals(m, StoredOffsets.fromJson("d", StoredOffsets.toJson(m)));
        assertEquals("{\"t\":{\"0\":3}}", StoredOffsets.toJson(offsets(P0, 3L)));
    }
}
