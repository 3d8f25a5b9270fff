package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one mapping (same consumer group, same table) run at the same time while
 * records keep arriving; one joins late, the first leaves, another joins: every record must be in
 * the table exactly once.
 */
@WithKafkaBroker
class RebalanceIT {
    private final Engine engine = DeltaEngines.create(Map.of());

    @Test
    void twoInstancesThroughRebalancesWriteEveryRecordExactlyOnce(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        String topic = Topics.create(kafka, "rebalance", 4);
        Path table = dir.resolve("t");
        AtomicLong commits = new AtomicLong();
        PipelineListener counting = new PipelineListener() {
            @Override
            public void onBatchCommitted(String mapping, long tableVersion, long records) {
                commits.incrementAndGet();
            }
        };
        KafkaToDelta.Builder builder = KafkaToDelta.builder()
                .bridgeName("it")
                .name("rebalance")
                .kafka(Map.of("bootstrap.servers", kafka.bootstrapServers(), "max.poll.records", "100"))
                .topics(topic)
                .table(table.toString())
                .create(true)
                .schema(KafkaToDeltaIT.DDL)
                .flush(new FlushPolicy(150, 1 << 20, Duration.ofMillis(300)))
                .listener(counting)
                .chunkRows(7);

        int total = 0;
        KafkaToDeltaIT.produceRows(kafka, topic, total, total += 1500, 4);
        KafkaToDeltaPipeline a = builder.build();
        CompletableFuture<RunSummary> runA = CompletableFuture.supplyAsync(a::runContinuously);
        await(() -> commits.get() > 0, "instance A commits");

        KafkaToDeltaPipeline b = builder.build();
        CompletableFuture<RunSummary> runB = CompletableFuture.supplyAsync(b::runContinuously);
        for (int i = 0; i < 6; i++) {
            KafkaToDeltaIT.produceRows(kafka, topic, total, total += 500, 4);
            Thread.sleep(300);
        }
        a.stop();
        RunSummary summaryA = runA.get(120, TimeUnit.SECONDS);
        KafkaToDeltaIT.produceRows(kafka, topic, total, total += 1000, 4);

        KafkaToDeltaPipeline c = builder.build();
        CompletableFuture<RunSummary> runC = CompletableFuture.supplyAsync(c::runContinuously);
        KafkaToDeltaIT.produceRows(kafka, topic, total, total += 1000, 4);
        int expected = total;
        await(() -> rows(table).size() >= expected, "all " + expected + " records in the table");
        b.stop();
        c.stop();
        RunSummary summaryB = runB.get(120, TimeUnit.SECONDS);
        RunSummary summaryC = runC.get(120, TimeUnit.SECONDS);

        List<ObjectNode> rows = rows(table);
        assertEquals(expected, rows.size(), "no duplicates");
        Set<String> positions = rows.stream()
                .map(r -> r.get("_kafka_partition").asInt() + "@"
                        + r.get("_kafka_offset").asLong())
                .collect(Collectors.toSet());
        assertEquals(expected, positions.size(), "each Kafka record once");
        assertEquals(
                KafkaToDeltaIT.range(0, expected),
                rows.stream().map(r -> r.get("id").asLong()).collect(Collectors.toCollection(java.util.TreeSet::new)));
        assertEquals(
                expected,
                summaryA.records() + summaryB.records() + summaryC.records(),
                summaryA + " " + summaryB + " " + summaryC);
        assertTrue(summaryA.records() > 0 && summaryB.records() + summaryC.records() > 0, "both sides wrote");
    }

    private List<ObjectNode> rows(Path table) {
        return TableRows.readOrNone(engine, table);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
