package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one upsert mapping (same group, same table) while randomized upserts and deletes
 * keep arriving, keyed so that each key stays in one partition: one instance joins late, the first
 * leaves, a third joins. Their commits conflict on the table (both rewrite files) and are planned
 * again; the table must end with exactly the last change of every key.
 */
@WithKafkaBroker
class UpsertRebalanceIT {
    private static final int KEYS = 300;

    private final Engine engine = DeltaEngines.create(Map.of());
    private final Random random = new Random(42);
    /** The expected table: the last change per key (null: deleted). */
    private final Map<Long, String> expected = new TreeMap<>();

    private int changes;

    @Test
    void twoInstancesThroughRebalancesApplyTheLastChangeOfEveryKey(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        String topic = Topics.create(kafka, "upsert-rebalance", 4);
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
                .name("upsert-rebalance")
                .kafka(Map.of("bootstrap.servers", kafka.bootstrapServers(), "max.poll.records", "100"))
                .topics(topic)
                .table(table.toString())
                .create(true)
                .schema("id BIGINT NOT NULL, name STRING")
                .upsert("id")
                .flush(new FlushPolicy(150, 1 << 20, Duration.ofMillis(300)))
                .listener(counting);

        produce(kafka, topic, 600);
        KafkaToDeltaPipeline a = builder.build();
        CompletableFuture<RunSummary> runA = CompletableFuture.supplyAsync(a::runContinuously);
        await(() -> commits.get() > 0, "instance A commits");

        KafkaToDeltaPipeline b = builder.build();
        CompletableFuture<RunSummary> runB = CompletableFuture.supplyAsync(b::runContinuously);
        for (int i = 0; i < 5; i++) {
            produce(kafka, topic, 300);
            Thread.sleep(300);
        }
        a.stop();
        RunSummary summaryA = runA.get(120, TimeUnit.SECONDS);
        produce(kafka, topic, 400);

        KafkaToDeltaPipeline c = builder.build();
        CompletableFuture<RunSummary> runC = CompletableFuture.supplyAsync(c::runContinuously);
        produce(kafka, topic, 400);
        Map<Long, String> want = live();
        await(() -> rows(table).equals(want), "the table to hold the last change of every key");
        b.stop();
        c.stop();
        RunSummary summaryB = runB.get(120, TimeUnit.SECONDS);
        RunSummary summaryC = runC.get(120, TimeUnit.SECONDS);

        assertEquals(want, rows(table));
        assertTrue(
                summaryA.records() > 0 && summaryB.records() + summaryC.records() > 0,
                "both sides wrote: " + summaryA + " " + summaryB + " " + summaryC);
    }

    /** {@code n} random changes: 70 % upserts, 30 % deletes (tombstones), each key to its own partition by key hash. */
    private void produce(KafkaCluster kafka, String topic, int n) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = random.nextInt(KEYS);
            String key = "{\"id\":" + id + "}";
            String value = null;
            if (random.nextInt(10) < 7) {
                value = "{\"id\":" + id + ",\"name\":\"v" + (++changes) + "\"}";
                expected.put(id, "v" + changes);
            } else {
                expected.put(id, null);
            }
            records.add(new ProducerRecord<>(
                    topic,
                    key.getBytes(StandardCharsets.UTF_8),
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
        }
        kafka.produce(records);
    }

    private Map<Long, String> live() {
        Map<Long, String> live = new TreeMap<>();
        expected.forEach((id, name) -> {
            if (name != null) {
                live.put(id, name);
            }
        });
        return live;
    }

    private Map<Long, String> rows(Path table) {
        Map<Long, String> rows = new TreeMap<>();
        for (ObjectNode r : TableRows.readOrNone(engine, table)) {
            assertFalse(rows.containsKey(r.get("id").asLong()), "id " + r.get("id") + " twice");
            rows.put(r.get("id").asLong(), r.get("name").asText());
        }
        return rows;
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
