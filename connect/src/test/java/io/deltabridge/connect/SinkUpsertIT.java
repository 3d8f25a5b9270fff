package io.deltabridge.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.delta.TableUris;
import io.deltabridge.testkit.TableScan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** The sink connector in upsert mode: change events applied by key, as {@code bridge run} applies them. */
class SinkUpsertIT extends WithConnectCluster {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int PARTITIONS = 2;
    private static final StructType ROW =
            new StructType().add("id", LongType.LONG, false).add("name", StringType.STRING, true);

    /**
     * 200 rows, then an update of ids 0..99 and tombstones for ids 150..199 while the connector runs: the table holds
     * one row per live key with its last value.
     */
    @Test
    void appliesUpdatesAndTombstonesByKey() throws Exception {
        String topic = "accounts";
        cluster.connect().kafka().createTopic(topic, PARTITIONS);
        String table = TableUris.normalize(dir.resolve("accounts").toString());
        Map<Long, String> expected = new TreeMap<>();
        send(topic, 0, 200, "v1", expected);

        Map<String, String> config = ConnectCluster.sinkConfig(topic, table);
        config.put("mode", "upsert");
        config.put("key", "id");
        config.put("key-format", "json");
        cluster.connect().configureConnector("accounts-sink", config);
        cluster.connect().assertions().assertConnectorAndAtLeastNumTasksAreRunning("accounts-sink", 1, "sink running");
        awaitTable(table, expected);

        send(topic, 0, 100, "v2", expected);
        send(topic, 150, 200, null, expected);
        awaitTable(table, expected);
        cluster.connect().deleteConnector("accounts-sink");
    }

    /** Rows {@code id, name=<version>-<id>} keyed by {@code {"id": n}}, or tombstones when {@code version} is null. */
    private static void send(String topic, long from, long to, String version, Map<Long, String> expected)
            throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = cluster.topics().producer()) {
            for (long id = from; id < to; id++) {
                String value = version == null ? null : "{\"id\":" + id + ",\"name\":\"" + version + "-" + id + "\"}";
                sent.add(producer.send(new ProducerRecord<>(
                        topic,
                        (int) (id % PARTITIONS),
                        bytes("{\"id\":" + id + "}"),
                        value == null ? null : bytes(value))));
                if (version == null) {
                    expected.remove(id);
                } else {
                    expected.put(id, version + "-" + id);
                }
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
    }

    private static void awaitTable(String table, Map<Long, String> expected) throws InterruptedException {
        Map<Long, String> rows = Map.of();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            rows = TableIds.exists(table) ? rows(table) : Map.of();
            if (rows.equals(expected)) {
                return;
            }
            Thread.sleep(500);
        }
        assertEquals(expected, rows, "id → name in " + table);
    }

    /** id → name of every row; a key held twice fails. */
    private static Map<Long, String> rows(String table) {
        Engine engine = DeltaEngines.create(Map.of());
        Map<Long, String> rows = new TreeMap<>();
        TableScan.forEachRow(engine, TableManager.loadSnapshot(table).build(engine), Optional.of(ROW), (data, r) -> {
            String previous = rows.put(
                    data.getColumnVector(0).getLong(r), data.getColumnVector(1).getString(r));
            assertEquals(null, previous, "key " + data.getColumnVector(0).getLong(r) + " held twice");
        });
        return rows;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
