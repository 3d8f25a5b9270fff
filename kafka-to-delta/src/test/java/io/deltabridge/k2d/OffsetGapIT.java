package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.config.OnOffsetGap;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.ExitCode;
import io.deltabridge.core.metrics.BridgeMeter;
import io.deltabridge.core.metrics.MappingMeters;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored offset that is no longer in the partition's log (retention deleted records never read,
 * or the topic was deleted and recreated) stops the run with a data error, unless the mapping
 * says {@code on-offset-gap: skip}.
 */
@WithKafkaBroker
class OffsetGapIT {
    private final Engine engine = DeltaEngines.create(Map.of());
    /** The meters of the skipping pipeline, one per test. */
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void recordsDeletedUnreadStopTheRunNamingTheGap(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        Path table = dir.resolve("t");
        String topic = gapInPartitionOne(kafka, table);

        DataException e = assertThrows(
                DataException.class,
                () -> KafkaToDeltaIT.pipeline(kafka, topic, table).build().runOnce());
        assertEquals(ExitCode.DATA_ERROR, e.exitCode());
        String m = e.getMessage();
        assertTrue(m.contains(topic + "-1") && m.contains("stored offset 10") && m.contains("[15, 20)"), m);
        assertTrue(m.contains("on-offset-gap: skip"), m);
        assertEquals(KafkaToDeltaIT.range(0, 20), ids(table), "nothing committed past the gap");
        assertThrows(
                DataException.class,
                () -> KafkaToDeltaIT.pipeline(kafka, topic, table).build().runOnce(),
                "the gap still stops the mapping");
    }

    @Test
    void skipResumesAtTheLogStartAndCountsTheOffsetsSkipped(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        Path table = dir.resolve("t");
        String topic = gapInPartitionOne(kafka, table);

        KafkaToDeltaPipeline p = KafkaToDeltaIT.pipeline(kafka, topic, table)
                .onOffsetGap(OnOffsetGap.SKIP)
                .meterRegistry(registry)
                .build();
        RunSummary s = p.runOnce();
        assertEquals(15, s.records(), "partition 0: 10 records, partition 1: offsets 15..19");
        assertEquals(5L, offsetsSkipped(p));
        Set<Long> expected = KafkaToDeltaIT.range(0, 40);
        for (long offset = 10; offset < 15; offset++) {
            expected.remove(offset * 2 + 1); // row i went to partition i % 2 at offset i / 2
        }
        assertEquals(expected, ids(table));
    }

    @Test
    void aRecreatedTopicBehindTheStoredOffsetStopsTheRun(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        String topic = Topics.create(kafka, "recreated", 1);
        Path table = dir.resolve("t");
        KafkaToDeltaIT.produceRows(kafka, topic, 0, 10, 1);
        KafkaToDeltaIT.pipeline(kafka, topic, table).build().runOnce();
        recreate(kafka, topic, 1);
        KafkaToDeltaIT.produceRows(kafka, topic, 100, 103, 1);

        DataException e = assertThrows(
                DataException.class,
                () -> KafkaToDeltaIT.pipeline(kafka, topic, table).build().runOnce());
        String m = e.getMessage();
        assertTrue(m.contains(topic + "-0") && m.contains("stored offset 10") && m.contains("[0, 3)"), m);
        assertEquals(KafkaToDeltaIT.range(0, 10), ids(table), "the new topic's records are not read silently");

        KafkaToDeltaPipeline skipping = KafkaToDeltaIT.pipeline(kafka, topic, table)
                .onOffsetGap(OnOffsetGap.SKIP)
                .meterRegistry(registry)
                .build();
        assertEquals(3, skipping.runOnce().records(), "skip reads the new log from its start");
        assertEquals(7L, offsetsSkipped(skipping), "offsets 3..9 are not in the new log");
        Set<Long> expected = KafkaToDeltaIT.range(0, 10);
        expected.addAll(KafkaToDeltaIT.range(100, 103));
        assertEquals(expected, ids(table));
    }

    @Test
    void retentionOvertakingARunningConsumerStopsIt(KafkaCluster kafka, @TempDir Path dir) {
        Path table = dir.resolve("t");
        DataException e = assertThrows(
                DataException.class, () -> overtaken(kafka, table).build().runOnce());
        assertTrue(e.getMessage().contains("[200, 300)"), e.getMessage());
        Set<Long> ids = ids(table);
        assertTrue(ids.size() >= 20 && ids.size() < 200, "the batches before the gap stay committed: " + ids.size());
        assertEquals(KafkaToDeltaIT.range(0, ids.size()), ids);
    }

    @Test
    void retentionOvertakingARunningConsumerIsSkippedWhenAllowed(KafkaCluster kafka, @TempDir Path dir) {
        Path table = dir.resolve("t");
        KafkaToDeltaPipeline p = overtaken(kafka, table)
                .onOffsetGap(OnOffsetGap.SKIP)
                .meterRegistry(registry)
                .build();
        RunSummary s = p.runOnce();
        long skipped = offsetsSkipped(p);
        assertTrue(skipped > 0 && skipped <= 180, "skipped " + skipped);
        assertEquals(300, s.records() + skipped, "every offset is either written or counted as skipped");
        Set<Long> expected = KafkaToDeltaIT.range(0, 200 - skipped);
        expected.addAll(KafkaToDeltaIT.range(200, 300));
        assertEquals(expected, ids(table));
    }

    /**
     * A run over 300 records of one partition, fetched a few at a time (at most a few dozen ahead), whose first commit has
     * retention delete offsets 0..199, most of them not fetched yet.
     */
    private long offsetsSkipped(KafkaToDeltaPipeline p) {
        return new MappingMeters(registry, "it", p.mapping().name()).value(BridgeMeter.OFFSETS_SKIPPED_GAP, -1);
    }

    private static KafkaToDelta.Builder overtaken(KafkaCluster kafka, Path table) {
        String topic = Topics.create(kafka, "overtaken", 1);
        KafkaToDeltaIT.produceRowsInSmallBatches(kafka, topic, 0, 300);
        TopicPartition tp = new TopicPartition(topic, 0);
        AtomicBoolean deleted = new AtomicBoolean();
        PipelineListener deleteAhead = new PipelineListener() {
            @Override
            public void onBatchCommitted(String mapping, long tableVersion, long records) {
                if (deleted.compareAndSet(false, true)) {
                    try {
                        kafka.admin()
                                .deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(200)))
                                .all()
                                .get();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        return KafkaToDeltaIT.pipeline(kafka, topic, table)
                .kafka(Map.of(
                        "bootstrap.servers",
                        kafka.bootstrapServers(),
                        "max.partition.fetch.bytes",
                        "2048",
                        "fetch.max.bytes",
                        "2048"))
                .flush(new FlushPolicy(20, 1 << 20, Duration.ofMinutes(1)))
                .listener(deleteAhead);
    }

    /**
     * A 2-partition topic whose rows 0..19 (offsets 0..9 of each partition) are in the table, then rows
     * 20..39 (offsets 10..19), of which offsets 10..14 of partition 1 are deleted unread.
     */
    private static String gapInPartitionOne(KafkaCluster kafka, Path table) throws Exception {
        String topic = Topics.create(kafka, "retention", 2);
        KafkaToDeltaIT.produceRows(kafka, topic, 0, 20, 2);
        KafkaToDeltaIT.pipeline(kafka, topic, table).build().runOnce();
        KafkaToDeltaIT.produceRows(kafka, topic, 20, 40, 2);
        kafka.admin()
                .deleteRecords(Map.of(new TopicPartition(topic, 1), RecordsToDelete.beforeOffset(15)))
                .all()
                .get();
        return topic;
    }

    /** Deletes the topic and creates it again under the same name (creation fails while the deletion is pending). */
    private static void recreate(KafkaCluster kafka, String topic, int partitions) throws Exception {
        kafka.admin().deleteTopics(List.of(topic)).all().get();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                kafka.admin()
                        .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                        .all()
                        .get();
                break;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
        Topics.awaitLeaders(kafka, topic, partitions);
    }

    private Set<Long> ids(Path table) {
        return TableRows.ids(engine, table);
    }
}
