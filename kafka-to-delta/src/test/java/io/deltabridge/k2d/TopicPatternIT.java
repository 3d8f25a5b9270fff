package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.pipeline.PipelineStatus;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code from: {kafka-pattern}}: every matching topic into one table, topics created while running included, exactly once. */
@WithKafkaBroker
class TopicPatternIT {
    private final Engine engine = DeltaEngines.create(Map.of());

    /** Topics named {@code <base>.<name>-<n>}, matched by the pattern {@code <base>\..*}; a unique base per test. */
    private static String base() {
        return KafkaCluster.uniqueName("pattern").replace("-", "");
    }

    private static KafkaToDelta.Builder pipeline(KafkaCluster kafka, String base, Path table) {
        return KafkaToDelta.builder()
                .bridgeName("it")
                .name("m-" + base)
                // new topics are seen at the next metadata refresh: every half second here instead of Kafka's 5 minutes
                .kafka(Map.of("bootstrap.servers", kafka.bootstrapServers(), "metadata.max.age.ms", "500"))
                .topicPattern(Pattern.quote(base + ".") + ".*")
                .table(table.toString())
                .create(true)
                .schema(KafkaToDeltaIT.DDL);
    }

    @Test
    void aContinuousRunReadsEveryMatchingTopicOnceIncludingOneCreatedWhileItRuns(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        String base = base();
        String first = Topics.create(kafka, base + ".orders", 2);
        String other = Topics.create(kafka, base + "x.orders", 1); // no dot after the base: does not match
        String dlq = Topics.create(kafka, base + "-dlq", 1);
        Path table = dir.resolve("t");
        KafkaToDeltaIT.produceRows(kafka, first, 0, 40, 2);
        KafkaToDeltaIT.produceRows(kafka, other, 1000, 1010, 1);
        kafka.produce(List.of(KafkaToDeltaIT.record(first, 0, "bad", "not json", Map.of())));

        KafkaToDeltaPipeline p = pipeline(kafka, base, table)
                .deadLetterTopic(dlq)
                .flush(new FlushPolicy(25, 1 << 20, Duration.ofMillis(300)))
                .build();
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(p::runContinuously);
        await(() -> ids(table).size() == 40, "the 40 records of the first topic");

        String second = Topics.create(kafka, base + ".returns", 3); // created after the run started
        KafkaToDeltaIT.produceRows(kafka, second, 40, 100, 3);
        KafkaToDeltaIT.produceRows(kafka, first, 100, 120, 2);
        await(() -> ids(table).size() == 120, "the records of both topics");
        p.stop();
        RunSummary summary = run.get(120, TimeUnit.SECONDS);

        List<ObjectNode> rows = TableRows.read(engine, table.toString());
        assertEquals(120, rows.size(), "no duplicates");
        assertEquals(KafkaToDeltaIT.range(0, 120), ids(table));
        assertEquals(120, summary.records(), summary.toString());
        assertEquals(
                120,
                rows.stream()
                        .map(r -> r.get("_kafka_topic").asText() + "-"
                                + r.get("_kafka_partition").asInt() + "@"
                                + r.get("_kafka_offset").asLong())
                        .distinct()
                        .count(),
                "each Kafka record once");
        Map<String, Set<Long>> idsByTopic = rows.stream()
                .collect(Collectors.groupingBy(
                        r -> r.get("_kafka_topic").asText(),
                        Collectors.mapping(r -> r.get("id").asLong(), Collectors.toCollection(TreeSet::new))));
        Set<Long> fromFirst = new TreeSet<>(KafkaToDeltaIT.range(0, 40));
        fromFirst.addAll(KafkaToDeltaIT.range(100, 120));
        assertEquals(
                Map.of(first, fromFirst, second, KafkaToDeltaIT.range(40, 100)),
                idsByTopic,
                "the lineage column names the topic");

        ConsumedRecord dead = kafka.readUntil(dlq, 1, Duration.ofSeconds(60)).get(0);
        assertEquals("bad", dead.keyString());
        assertEquals(first, dead.headerString("deltabridge.source.topic"));

        Map<TopicPartition, Long> stored = KafkaToDeltaIT.storedOffsets(engine, table, "m-" + base);
        assertEquals(
                Map.of(
                        new TopicPartition(first, 0),
                        31L,
                        new TopicPartition(first, 1),
                        30L,
                        new TopicPartition(second, 0),
                        20L,
                        new TopicPartition(second, 1),
                        20L,
                        new TopicPartition(second, 2),
                        20L),
                stored);
        PipelineStatus status = p.status();
        assertEquals(0, status.lag(), status.toString());
        assertEquals(5, status.position().size(), status.toString());

        // a restart reads nothing again
        assertEquals(
                0,
                pipeline(kafka, base, table)
                        .deadLetterTopic(dlq)
                        .build()
                        .runOnce()
                        .records());
        assertEquals(120, TableRows.read(engine, table.toString()).size());
    }

    @Test
    void aBoundedRunReadsTheTopicsMatchingAtItsStartToTheirEnds(KafkaCluster kafka, @TempDir Path dir) {
        String base = base();
        Path table = dir.resolve("t");
        assertEquals(
                0,
                pipeline(kafka, base, table).build().runOnce().records(),
                "no topic matches yet: nothing to read, no error");

        String first = Topics.create(kafka, base + ".a", 2);
        KafkaToDeltaIT.produceRows(kafka, first, 0, 10, 2);
        KafkaToDeltaPipeline p = pipeline(kafka, base, table).build();
        assertEquals(10, p.runOnce().records());
        assertTrue(
                p.validate()
                        .lines()
                        .contains("topics created later that match `" + Pattern.quote(base + ".") + ".*` are read too"),
                p.validate().lines().toString());

        // a topic created between two runs is read from its start by the next one
        String second = Topics.create(kafka, base + ".b", 1);
        KafkaToDeltaIT.produceRows(kafka, second, 10, 15, 1);
        KafkaToDeltaIT.produceRows(kafka, first, 15, 20, 2);
        assertEquals(10, pipeline(kafka, base, table).build().runOnce().records());
        assertEquals(KafkaToDeltaIT.range(0, 20), ids(table));
        assertEquals(0, pipeline(kafka, base, table).build().status().lag());
    }

    private Set<Long> ids(Path table) {
        return TableRows.ids(engine, table);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
