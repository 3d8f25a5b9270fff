package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.delta.TableUris;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.metrics.BridgeMeter;
import io.deltabridge.core.metrics.MappingMeters;
import io.deltabridge.core.pipeline.PipelineStatus;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.k2d.delta.DeltaAppender;
import io.deltabridge.k2d.delta.StoredOffsets;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kafka → delta against a real broker: decoding, partitions, lineage, dead letters, loop guard, on-error: fail. */
@WithKafkaBroker
class KafkaToDeltaIT {
    static final String DDL =
            "id BIGINT NOT NULL, day DATE, amount DECIMAL(12,2), tags ARRAY<STRING>, attrs MAP<STRING,STRING>, "
                    + "at TIMESTAMP, pos STRUCT<x: DOUBLE, y: DOUBLE>";
    private final Engine engine = DeltaEngines.create(Map.of());

    static String row(long id) {
        return "{\"id\":" + id + ",\"day\":\"2026-01-0" + (1 + id % 3) + "\",\"amount\":\"" + id
                + ".50\",\"tags\":[\"a\",null]," + "\"attrs\":{\"k\":\"v" + id
                + "\"},\"at\":\"2026-01-07T00:27:18.123456Z\",\"pos\":{\"x\":1.5,\"y\":-2.0}}";
    }

    static ProducerRecord<byte[], byte[]> record(
            String topic, int partition, String key, String value, Map<String, String> headers) {
        RecordHeaders h = new RecordHeaders();
        headers.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(
                topic,
                partition,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8),
                h);
    }

    static KafkaToDelta.Builder pipeline(KafkaCluster kafka, String topic, Path table) {
        return KafkaToDelta.builder()
                .bridgeName("it")
                .name("m-" + topic)
                .kafka(Map.of("bootstrap.servers", kafka.bootstrapServers()))
                .topics(topic)
                .table(table.toString())
                .create(true)
                .schema(DDL);
    }

    @Test
    void appendsDecodedRecordsWithLineageDeadLettersAndLoopGuard(KafkaCluster kafka, @TempDir Path dir)
            throws IOException {
        String topic = Topics.create(kafka, "orders", 3);
        String dlq = Topics.create(kafka, "orders-dlq", 1);
        Path table = dir.resolve("orders");
        String uri = TableUris.normalize(table.toString());
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            records.add(record(
                    topic,
                    i % 3,
                    "k" + i,
                    row(i),
                    Map.of("deltabridge.version", "7", "ce_id", "t:7:" + i, "other", "x")));
        }
        records.add(record(topic, 0, "bad1", "{\"id\":\"not a number\"}", Map.of("h", "1")));
        records.add(record(topic, 1, "bad2", "not json", Map.of()));
        records.add(record(topic, 2, "bad3", "{\"day\":\"2026-01-01\"}", Map.of()));
        records.add(record(topic, 2, "echo", row(1000), Map.of("deltabridge.source", uri)));
        records.add(record(topic, 1, "extra", "{\"id\":500,\"color\":\"red\",\"size\":{\"w\":1}}", Map.of()));
        kafka.produce(records);

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        KafkaToDeltaPipeline p = pipeline(kafka, topic, table)
                .partitionBy("day")
                .deadLetterTopic(dlq)
                .flush(new FlushPolicy(25, 1 << 20, Duration.ofMinutes(1)))
                .meterRegistry(meters)
                .build();
        RunSummary summary = p.runOnce();

        List<ObjectNode> rows = TableRows.read(engine, table.toString());
        assertEquals(61, rows.size(), "60 good records + one with rescued fields");
        assertEquals(61, summary.records());
        assertTrue(summary.units() >= 3, "flushes every 25 records: " + summary);
        ObjectNode r7 =
                rows.stream().filter(r -> r.get("id").asLong() == 7).findFirst().orElseThrow();
        assertEquals("2026-01-02", r7.get("day").asText());
        assertEquals("7.50", r7.get("amount").asText());
        assertEquals("[\"a\",null]", r7.get("tags").toString());
        assertEquals("v7", r7.get("attrs").get("k").asText());
        assertEquals("2026-01-07T00:27:18.123456Z", r7.get("at").asText());
        assertEquals(-2.0, r7.get("pos").get("y").asDouble());
        assertEquals(topic, r7.get("_kafka_topic").asText());
        assertEquals(1, r7.get("_kafka_partition").asInt());
        assertEquals(2, r7.get("_kafka_offset").asLong(), "the 8th record is the 3rd of partition 1");
        assertTrue(r7.get("_kafka_timestamp").asText().endsWith("Z"));
        assertEquals(
                Map.of("deltabridge.version", "7", "ce_id", "t:7:7"),
                TableRows.JSON.convertValue(r7.get("_lineage"), Map.class));
        assertTrue(r7.get("_rescued_data").isNull());
        ObjectNode extra = rows.stream()
                .filter(r -> r.get("id").asLong() == 500)
                .findFirst()
                .orElseThrow();
        assertEquals(
                Map.of("color", "red", "size", Map.of("w", 1)),
                TableRows.JSON.readValue(extra.get("_rescued_data").asText(), Map.class));
        try (Stream<Path> parts = Files.list(table)) {
            assertEquals(
                    Set.of(
                            "_delta_log",
                            "day=2026-01-01",
                            "day=2026-01-02",
                            "day=2026-01-03",
                            "day=__HIVE_DEFAULT_PARTITION__"),
                    parts.map(f -> f.getFileName().toString()).collect(Collectors.toSet()));
        }

        List<ConsumedRecord> dead = kafka.readUntil(dlq, 3, Duration.ofSeconds(60));
        assertEquals(3, dead.size());
        ConsumedRecord bad1 = dead.stream()
                .filter(d -> "bad1".equals(d.keyString()))
                .findFirst()
                .orElseThrow();
        assertEquals("{\"id\":\"not a number\"}", bad1.valueString());
        assertEquals("1", bad1.headerString("h"), "original headers are kept");
        assertEquals(topic, bad1.headerString("deltabridge.source.topic"));
        assertEquals("0", bad1.headerString("deltabridge.source.partition"));
        assertEquals("20", bad1.headerString("deltabridge.source.offset"));
        assertTrue(
                bad1.headerString("deltabridge.error.message").contains("'id'"),
                bad1.headerString("deltabridge.error.message"));
        assertTrue(dead.stream()
                .anyMatch(d -> d.headerString("deltabridge.error.message").contains("NOT NULL")));

        // in the registry given to the builder, typed and tagged
        MappingMeters m = new MappingMeters(meters, "it", "m-" + topic);
        assertEquals(3L, m.value(BridgeMeter.DEAD_LETTERS, -1), "every error class");
        assertEquals(1L, m.value(BridgeMeter.SKIPPED_LOOP_GUARD, -1));
        assertEquals(
                65,
                meters.get("deltabridge.records.in")
                        .tags("bridge", "it", "mapping", "m-" + topic)
                        .counter()
                        .count());
        assertEquals(61, meters.get("deltabridge.records.out").counter().count());
        assertEquals(
                3,
                meters.get("deltabridge.dead.letters")
                        .tag("error", "DataException")
                        .counter()
                        .count());
        assertEquals(
                summary.units(),
                meters.get("deltabridge.commit.latency").timer().count());
        assertEquals(
                summary.units(),
                meters.get("deltabridge.end.to.end.latency").timer().count());
        assertTrue(meters.get("deltabridge.end.to.end.latency").timer().max(TimeUnit.MILLISECONDS) > 0);
        assertEquals(summary.units(), (long)
                meters.get("deltabridge.commits").counter().count());

        Map<TopicPartition, Long> stored = KafkaToDeltaIT.storedOffsets(engine, table, "m-" + topic);
        assertEquals(
                Map.of(
                        new TopicPartition(topic, 0),
                        21L,
                        new TopicPartition(topic, 1),
                        22L,
                        new TopicPartition(topic, 2),
                        22L),
                stored);
        try {
            Map<TopicPartition, OffsetAndMetadata> group = kafka.admin()
                    .listConsumerGroupOffsets(p.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get();
            assertEquals(
                    stored,
                    group.entrySet().stream()
                            .collect(Collectors.toMap(
                                    Map.Entry::getKey, e -> e.getValue().offset())));
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        // nothing new: a second run commits nothing and the status shows no lag
        RunSummary again = pipeline(kafka, topic, table)
                .partitionBy("day")
                .deadLetterTopic(dlq)
                .build()
                .runOnce();
        assertEquals(0, again.records());
        assertEquals(0, again.units());
        assertEquals(61, TableRows.read(engine, table.toString()).size());
        PipelineStatus status = p.status();
        assertEquals(0, status.lag());
        assertEquals(21L, status.position().get(topic + "-0"));
        assertTrue(
                p.validate().lines().stream().anyMatch(l -> l.contains("partitioned by [day]")),
                p.validate().lines().toString());
    }

    @Test
    void onErrorFailCommitsWhatCameBeforeAndStops(KafkaCluster kafka, @TempDir Path dir) {
        String topic = Topics.create(kafka, "fail", 1);
        Path table = dir.resolve("t");
        kafka.produce(List.of(
                record(topic, 0, null, row(1), Map.of()),
                record(topic, 0, null, row(2), Map.of()),
                record(topic, 0, null, "{\"id\":3,\"day\":\"yesterday\"}", Map.of()),
                record(topic, 0, null, row(4), Map.of())));
        KafkaToDeltaPipeline p = pipeline(kafka, topic, table).build();
        DataException e = assertThrows(DataException.class, p::runOnce);
        assertTrue(e.getMessage().contains(topic + "-0@2"), e.getMessage());
        assertEquals(Set.of(1L, 2L), ids(table));
        assertThrows(DataException.class, p::runOnce, "the bad record still blocks the mapping");
        assertEquals(Set.of(1L, 2L), ids(table));
    }

    @Test
    void crashBetweenWritingFilesAndCommittingLeavesOrphansButNoDuplicates(KafkaCluster kafka, @TempDir Path dir)
            throws IOException {
        String topic = Topics.create(kafka, "crash1", 2);
        Path table = dir.resolve("t");
        produceRows(kafka, topic, 0, 40, 2);
        RuntimeException crash = new IllegalStateException("killed");
        KafkaToDeltaPipeline crashing = pipeline(kafka, topic, table)
                .flush(new FlushPolicy(1000, 1 << 20, Duration.ofMinutes(1)))
                .chunkRows(6)
                .faults(new FaultPoints() {
                    @Override
                    public void afterFilesWritten(io.deltabridge.k2d.delta.TableChange write) {
                        throw crash;
                    }
                })
                .build();
        assertThrows(IllegalStateException.class, crashing::runOnce);
        assertEquals(Set.of(), ids(table), "nothing committed");
        assertTrue(parquetFiles(table) > 0, "the files written before the crash are left behind");
        long orphans = parquetFiles(table);

        produceRows(kafka, topic, 40, 60, 2);
        pipeline(kafka, topic, table).chunkRows(9).build().runOnce();
        assertEquals(range(0, 60), ids(table));
        assertEquals(60, TableRows.read(engine, table.toString()).size(), "no duplicates");
        assertTrue(parquetFiles(table) > orphans);
    }

    @Test
    void crashAfterTheDeltaCommitBeforeTheGroupCommitRestartsFromTheTable(KafkaCluster kafka, @TempDir Path dir) {
        String topic = Topics.create(kafka, "crash2", 2);
        Path table = dir.resolve("t");
        produceRows(kafka, topic, 0, 50, 2);
        KafkaToDeltaPipeline crashing = pipeline(kafka, topic, table)
                .flush(new FlushPolicy(1000, 1 << 20, Duration.ofMinutes(1)))
                .faults(new FaultPoints() {
                    @Override
                    public void afterDeltaCommit(long version) {
                        throw new IllegalStateException("killed");
                    }
                })
                .build();
        assertThrows(IllegalStateException.class, crashing::runOnce);
        assertEquals(range(0, 50), ids(table));
        try {
            assertTrue(
                    kafka
                            .admin()
                            .listConsumerGroupOffsets(crashing.groupId())
                            .partitionsToOffsetAndMetadata()
                            .get()
                            .values()
                            .stream()
                            .allMatch(o -> o == null),
                    "the group has no offsets");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        produceRows(kafka, topic, 50, 70, 2);
        RunSummary s = pipeline(kafka, topic, table).build().runOnce();
        assertEquals(20, s.records(), "the restart reads from the table's offsets, not from the beginning");
        assertEquals(70, TableRows.read(engine, table.toString()).size());
        assertEquals(range(0, 70), ids(table));
    }

    @Test
    void aTransactionalSourceTopicReadToItsEndShowsNoLag(KafkaCluster kafka, @TempDir Path dir) {
        String topic = Topics.create(kafka, "txn", 2);
        Path table = dir.resolve("t");
        try (var producer = kafka.newProducer(Map.of("transactional.id", KafkaCluster.uniqueName("txn-producer")))) {
            producer.initTransactions();
            for (int t = 0; t < 3; t++) {
                producer.beginTransaction();
                for (int i = t * 10; i < t * 10 + 10; i++) {
                    producer.send(record(topic, i % 2, "k" + i, row(i), Map.of()));
                }
                producer.commitTransaction();
            }
        }
        KafkaToDeltaPipeline p = pipeline(kafka, topic, table).build();
        RunSummary summary = p.runOnce();
        assertEquals(30, summary.records());
        assertEquals(range(0, 30), ids(table));
        PipelineStatus status = p.status();
        assertEquals(0, status.lag(), status.toString());
        assertEquals(status.latest(), status.position(), "the stored offsets are past the commit markers");
    }

    @Test
    void aRunWithNothingNewJoinsNoGroupAndOpensNoProducer(KafkaCluster kafka, @TempDir Path dir) {
        String topic = Topics.create(kafka, "idle", 2);
        String dlq = Topics.create(kafka, "idle-dlq", 1);
        Path table = dir.resolve("idle");
        // partition 1 stays empty: the table stores no offset for it (starting-offsets: earliest)
        produceRows(kafka, topic, 0, 10, 1);
        assertEquals(
                10,
                pipeline(kafka, topic, table)
                        .deadLetterTopic(dlq)
                        .build()
                        .runOnce()
                        .records());

        CountingClients clients = new CountingClients(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        KafkaToDeltaPipeline again = pipeline(kafka, topic, table)
                .deadLetterTopic(dlq)
                .kafkaClients(clients)
                .build();
        assertEquals(0, again.runOnce().records());
        assertEquals(0, clients.subscriptions.get(), "a --once run with nothing to read must not join the group");
        assertEquals(0, clients.producers.get(), "nor create the dead-letter producer");

        // a run with something to read does all of it, as before
        produceRows(kafka, topic, 10, 11, 1);
        assertEquals(1, again.runOnce().records());
        assertEquals(1, clients.subscriptions.get());
        assertEquals(1, clients.producers.get());
        assertEquals(range(0, 11), ids(table));
    }

    static void produceRows(KafkaCluster kafka, String topic, int from, int to, int partitions) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(record(topic, i % partitions, "k" + i, row(i), Map.of()));
        }
        kafka.produce(records);
    }

    /**
     * Rows into partition 0 in record batches of at most 512 bytes: a fetch returns at least one whole
     * batch, so with a small fetch size a run reads only a few records ahead of what it has processed.
     */
    static void produceRowsInSmallBatches(KafkaCluster kafka, String topic, int from, int to) {
        try (var producer = kafka.newProducer(Map.of("batch.size", "512", "linger.ms", "0"))) {
            for (int i = from; i < to; i++) {
                producer.send(record(topic, 0, "k" + i, row(i), Map.of()));
            }
            producer.flush();
        }
    }

    Set<Long> ids(Path table) {
        return TableRows.ids(engine, table);
    }

    static Set<Long> range(long from, long to) {
        Set<Long> s = new TreeSet<>();
        for (long i = from; i < to; i++) {
            s.add(i);
        }
        return s;
    }

    static long parquetFiles(Path table) throws IOException {
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(f ->
                            f.toString().endsWith(".parquet") && !f.toString().contains("_delta_log"))
                    .count();
        }
    }

    /** The offsets the table's latest version stores for mapping {@code mapping} of the bridge "it". */
    static Map<TopicPartition, Long> storedOffsets(Engine engine, Path table, String mapping) {
        return StoredOffsets.fromJson(
                "d",
                DeltaAppender.latest(engine, table.toString())
                        .orElseThrow()
                        .getDomainMetadata(StoredOffsets.domain("it", mapping))
                        .orElseThrow());
    }
}
