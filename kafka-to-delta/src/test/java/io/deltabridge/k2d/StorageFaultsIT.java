package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.RuntimeFailureException;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.k2d.delta.DeltaAppender;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table's storage fails under a run: nothing is committed half, the error says what happened, the next run resumes. */
@WithKafkaBroker
class StorageFaultsIT {
    private final Engine engine = DeltaEngines.create(Map.of());

    /**
     * A partition directory the run must write into is a plain file, so creating the Parquet file fails
     * with a real file-system error (chmod cannot deny root, who runs these tests in some CI images).
     */
    @Test
    void aParquetWriteTheFileSystemRefusesCommitsNothingAndTheNextRunResumes(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        String topic = Topics.create(kafka, "refused", 1);
        Path table = dir.resolve("t");
        KafkaToDeltaIT.produceRows(kafka, topic, 0, 30, 1); // days 2026-01-01 .. 03
        KafkaToDeltaIT.pipeline(kafka, topic, table).partitionBy("day").build().runOnce();
        long version = version(table);
        kafka.produce(List.of(
                KafkaToDeltaIT.record(topic, 0, null, "{\"id\":30,\"day\":\"2026-02-01\"}", Map.of()),
                KafkaToDeltaIT.record(topic, 0, null, "{\"id\":31,\"day\":\"2026-01-01\"}", Map.of())));
        Path blocked = table.resolve("day=2026-02-01");
        Files.writeString(blocked, "not a directory");

        RuntimeFailureException e = assertThrows(
                RuntimeFailureException.class,
                () -> KafkaToDeltaIT.pipeline(kafka, topic, table)
                        .partitionBy("day")
                        .build()
                        .runOnce());
        assertTrue(
                e.getMessage().contains("Writing Parquet files into")
                        && e.getMessage().contains("attempts"),
                e.getMessage());
        assertEquals(version, version(table), "nothing committed");
        assertEquals(KafkaToDeltaIT.range(0, 30), ids(table));

        Files.delete(blocked);
        RunSummary s = KafkaToDeltaIT.pipeline(kafka, topic, table)
                .partitionBy("day")
                .build()
                .runOnce();
        assertEquals(2, s.records());
        assertEquals(KafkaToDeltaIT.range(0, 32), ids(table));
        assertEquals(32, TableRows.read(engine, table.toString()).size(), "no duplicates");
    }

    @Test
    void aTableRemovedWhileRunningStopsTheRunWithoutWritingAHalfTable(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        String topic = Topics.create(kafka, "removed", 1);
        Path table = dir.resolve("t");
        KafkaToDeltaIT.produceRows(kafka, topic, 0, 10, 1);
        AtomicInteger commits = new AtomicInteger();
        KafkaToDeltaPipeline p = KafkaToDeltaIT.pipeline(kafka, topic, table)
                .create(false)
                .flush(new FlushPolicy(1000, 1 << 20, Duration.ofMillis(200)))
                .listener(new PipelineListener() {
                    @Override
                    public void onBatchCommitted(String mapping, long tableVersion, long records) {
                        commits.incrementAndGet();
                    }
                })
                .build();
        DeltaAppender.create(
                engine,
                table.toString(),
                io.deltabridge.core.schema.DdlParser.parse(KafkaToDeltaIT.DDL),
                List.of(),
                Map.of(),
                "x");
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(p::runContinuously);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (commits.get() == 0 && System.nanoTime() < deadline && !run.isDone()) {
            Thread.sleep(100);
        }
        assertEquals(1, commits.get(), "the first batch is committed");
        deleteRecursively(table);
        KafkaToDeltaIT.produceRows(kafka, topic, 10, 20, 1);

        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof DataException, e.getCause().toString());
        assertTrue(
                e.getCause().getMessage().contains(table.toString())
                        && e.getCause().getMessage().contains("is gone"),
                e.getCause().getMessage());
        assertFalse(Files.exists(table.resolve("_delta_log")), "no log was started again at a later version");
    }

    @Test
    void aTableLogThatCannotBeReadAtCommitTimeFailsClearlyAndCommitsNothing(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        String topic = Topics.create(kafka, "unreadable", 1);
        Path table = dir.resolve("t");
        KafkaToDeltaIT.produceRows(kafka, topic, 0, 10, 1);
        KafkaToDeltaIT.pipeline(kafka, topic, table).build().runOnce();
        KafkaToDeltaIT.produceRows(kafka, topic, 10, 20, 1);
        Path log = table.resolve("_delta_log");
        Path aside = dir.resolve("log-aside");
        KafkaToDeltaPipeline p = KafkaToDeltaIT.pipeline(kafka, topic, table)
                .faults(new FaultPoints() {
                    @Override
                    public void afterFilesWritten(io.deltabridge.k2d.delta.TableChange write) {
                        try { // the log is replaced by something that is not a Delta log while the files are written
                            Files.move(log, aside);
                            Files.writeString(log, "not a directory");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                })
                .build();
        DataException e = assertThrows(DataException.class, p::runOnce);
        assertTrue(e.getMessage().contains(table.toString()) && e.getMessage().contains("is gone"), e.getMessage());

        Files.delete(log);
        Files.move(aside, log);
        assertEquals(KafkaToDeltaIT.range(0, 10), ids(table), "nothing committed");
        assertEquals(
                10,
                KafkaToDeltaIT.pipeline(kafka, topic, table).build().runOnce().records());
        assertEquals(KafkaToDeltaIT.range(0, 20), ids(table));
    }

    private long version(Path table) {
        return DeltaAppender.latest(engine, table.toString()).orElseThrow().getVersion();
    }

    private Set<Long> ids(Path table) {
        return TableRows.ids(engine, table);
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
