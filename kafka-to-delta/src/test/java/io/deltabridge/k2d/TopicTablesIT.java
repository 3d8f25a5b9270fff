package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ConfigLoader;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.pipeline.Bridge;
import io.deltabridge.core.pipeline.PipelineStatus;
import io.deltabridge.core.pipeline.RunSummaries;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code from: {kafka-pattern}} with {@code to: {delta: ".../{topic}"}}: each matching topic into a table of its own,
 * exactly once per table, topics created while running included.
 */
@WithKafkaBroker
class TopicTablesIT {
    private final Engine engine = DeltaEngines.create(Map.of());

    /** A mapping file reading the topics {@code <base>.*} into {@code <dir>/<topic>}. */
    private static BridgeConfig config(KafkaCluster kafka, String base, Path dir, String dlq) {
        return config(kafka, base, dir, dlq, true);
    }

    private static BridgeConfig config(KafkaCluster kafka, String base, Path dir, String dlq, boolean create) {
        return ConfigLoader.load(
                """
                name: it
                kafka: { bootstrap.servers: "%s" }
                mappings:
                  - name: in
                    from: { kafka-pattern: "%s\\\\..*" }
                    to: { delta: "%s/{topic}", create: %s, schema: "%s" }
                    dead-letter-topic: %s
                    flush: { max-records: 25, max-interval: 300ms }
                    # new topics are seen at the next metadata refresh: every half second here instead of 5 minutes
                    consumer: { metadata.max.age.ms: 500 }
                """.formatted(kafka.bootstrapServers(), base, dir, create, KafkaToDeltaIT.DDL, dlq),
                "bridge.yaml",
                Map.of());
    }

    private static String base() {
        return KafkaCluster.uniqueName("tables").replace("-", "");
    }

    @Test
    void aContinuousRunWritesEachMatchingTopicOnceToItsOwnTableIncludingOneCreatedWhileItRuns(
            KafkaCluster kafka, @TempDir Path dir) throws Exception {
        String base = base();
        String first = Topics.create(kafka, base + ".orders", 2);
        String second = Topics.create(kafka, base + ".returns", 1);
        String other = Topics.create(kafka, base + "x.orders", 1); // no dot after the base: does not match
        String dlq = Topics.create(kafka, base + "-dlq", 1);
        KafkaToDeltaIT.produceRows(kafka, first, 0, 40, 2);
        KafkaToDeltaIT.produceRows(kafka, second, 100, 110, 1);
        KafkaToDeltaIT.produceRows(kafka, other, 1000, 1010, 1);
        kafka.produce(List.of(KafkaToDeltaIT.record(second, 0, "bad", "not json", Map.of())));
        BridgeConfig config = config(kafka, base, dir, dlq);

        Bridge bridge = Bridge.fromConfig(config);
        try {
            bridge.start();
            TopicPatternIT.await(
                    () -> ids(dir.resolve(first)).size() == 40
                            && ids(dir.resolve(second)).size() == 10,
                    "both topics");

            String third = Topics.create(kafka, base + ".refunds", 3); // created after the run started
            KafkaToDeltaIT.produceRows(kafka, third, 200, 230, 3);
            KafkaToDeltaIT.produceRows(kafka, first, 40, 50, 2);
            TopicPatternIT.await(
                    () -> ids(dir.resolve(third)).size() == 30
                            && ids(dir.resolve(first)).size() == 50,
                    "the new topic's table and the first topic's new rows");
        } finally {
            bridge.close();
        }
        bridge.awaitTermination(); // no mapping failed

        String third = tables(dir).stream()
                .filter(t -> t.startsWith(base + ".refunds"))
                .findFirst()
                .orElseThrow();
        assertEquals(Set.of(first, second, third), tables(dir), "a table per matching topic, none for " + other);
        assertEquals(KafkaToDeltaIT.range(0, 50), rowsOnce(dir.resolve(first), first));
        assertEquals(KafkaToDeltaIT.range(100, 110), rowsOnce(dir.resolve(second), second));
        assertEquals(KafkaToDeltaIT.range(200, 230), rowsOnce(dir.resolve(third), third));

        ConsumedRecord dead = kafka.readUntil(dlq, 1, Duration.ofSeconds(60)).get(0);
        assertEquals("bad", dead.keyString());
        assertEquals(second, dead.headerString("deltabridge.source.topic"));

        // each table stores the offsets of its own topic, under the mapping `in/<topic>`
        assertEquals(
                Map.of(new TopicPartition(first, 0), 25L, new TopicPartition(first, 1), 25L),
                KafkaToDeltaIT.storedOffsets(engine, dir.resolve(first), "in/" + first));
        assertEquals(
                Map.of(new TopicPartition(second, 0), 11L),
                KafkaToDeltaIT.storedOffsets(engine, dir.resolve(second), "in/" + second));
        assertEquals(
                Map.of(
                        new TopicPartition(third, 0), 10L,
                        new TopicPartition(third, 1), 10L,
                        new TopicPartition(third, 2), 10L),
                KafkaToDeltaIT.storedOffsets(engine, dir.resolve(third), "in/" + third));

        try (Bridge again = Bridge.fromConfig(config)) {
            RunSummaries restart = again.runOnce();
            assertEquals(0, restart.records(), "a restart reads nothing again: " + restart);
            PipelineStatus status = again.status().get(0);
            assertEquals("in", status.mapping());
            assertEquals(0, status.lag(), status.toString());
            assertEquals(6, status.position().size(), "every partition of the three topics: " + status);
            List<String> plan = again.validate().get(0).lines();
            assertTrue(
                    plan.contains(
                            "topic " + third + " → table file:" + dir.resolve(third) + " (mapping in/" + third + ")"),
                    plan.toString());
            assertFalse(plan.toString().contains(other), plan.toString());
        }
        assertEquals(50, TableRows.read(engine, dir.resolve(first).toString()).size());
    }

    @Test
    void aBoundedRunWritesTheTopicsMatchingAtItsStart(KafkaCluster kafka, @TempDir Path dir) throws IOException {
        String base = base();
        String dlq = Topics.create(kafka, base + "-dlq", 1);
        BridgeConfig config = config(kafka, base, dir, dlq);
        try (Bridge bridge = Bridge.fromConfig(config)) {
            assertEquals(0, bridge.runOnce().records(), "no topic matches yet: nothing to read, no error");
        }
        assertEquals(Set.of(), tables(dir));

        String first = Topics.create(kafka, base + ".a", 2);
        String second = Topics.create(kafka, base + ".b", 1);
        KafkaToDeltaIT.produceRows(kafka, first, 0, 10, 2);
        KafkaToDeltaIT.produceRows(kafka, second, 10, 15, 1);
        try (Bridge bridge = Bridge.fromConfig(config)) {
            RunSummaries done = bridge.runOnce();
            assertEquals(15, done.records(), done.toString());
            assertEquals(2, done.units(), "a commit per table: " + done);
        }
        assertEquals(KafkaToDeltaIT.range(0, 10), rowsOnce(dir.resolve(first), first));
        assertEquals(KafkaToDeltaIT.range(10, 15), rowsOnce(dir.resolve(second), second));

        // a topic created between two runs gets its table in the next one
        String third = Topics.create(kafka, base + ".c", 1);
        KafkaToDeltaIT.produceRows(kafka, third, 15, 18, 1);
        try (Bridge bridge = Bridge.fromConfig(config)) {
            assertEquals(3, bridge.runOnce().records());
        }
        assertEquals(KafkaToDeltaIT.range(15, 18), rowsOnce(dir.resolve(third), third));
        assertEquals(Set.of(first, second, third), tables(dir));
    }

    @Test
    void aTopicWhoseTableCannotBeOpenedStopsTheMapping(KafkaCluster kafka, @TempDir Path dir) {
        String base = base();
        String dlq = Topics.create(kafka, base + "-dlq", 1);
        String withTable = Topics.create(kafka, base + ".b", 1);
        try (Bridge creating = Bridge.fromConfig(config(kafka, base, dir, dlq))) {
            creating.runOnce();
        }
        String topic = Topics.create(kafka, base + ".a", 1); // no table, and the mapping may not create one
        Bridge bridge = Bridge.fromConfig(config(kafka, base, dir, dlq, false));
        try {
            bridge.start();
            ConfigException e = assertThrows(ConfigException.class, bridge::awaitTermination);
            assertEquals(
                    "Delta table not found at " + dir.resolve(topic) + " (mapping 'in/" + topic + "')", e.problem());
            assertFalse(bridge.isRunning(), "the mapping stopped, " + withTable + "'s pipeline with it");
        } finally {
            bridge.close();
        }
    }

    /** The ids in the table, after checking that every row came from {@code topic} and no Kafka record is in it twice. */
    private Set<Long> rowsOnce(Path table, String topic) {
        var rows = TableRows.read(engine, table.toString());
        assertEquals(
                Set.of(topic),
                rows.stream().map(r -> r.get("_kafka_topic").asText()).collect(Collectors.toSet()),
                "rows of " + table);
        assertEquals(
                rows.size(),
                rows.stream()
                        .map(r -> r.get("_kafka_partition").asInt() + "@"
                                + r.get("_kafka_offset").asLong())
                        .distinct()
                        .count(),
                "each record once in " + table);
        Set<Long> ids = rows.stream().map(r -> r.get("id").asLong()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(rows.size(), ids.size(), "no duplicate rows in " + table);
        return ids;
    }

    /** The names of the tables in {@code dir}. */
    private static Set<String> tables(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> Files.isDirectory(p.resolve("_delta_log")))
                    .map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private Set<Long> ids(Path table) {
        return TableRows.ids(engine, table);
    }
}
