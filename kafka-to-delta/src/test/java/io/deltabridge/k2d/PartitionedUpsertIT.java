package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mode: upsert} into a table partitioned by {@code region}, on the real broker: random upserts and tombstones of
 * 200 keys over three topic partitions, a commit every 97 records. With key {@code [id]} an update may move a row to
 * another region (partition); with key {@code [region, id]} the key fixes the partition. Read back by Kernel, the table
 * holds exactly the last change of every key, each row in the partition of its region.
 */
@WithKafkaBroker
class PartitionedUpsertIT {
    private static final List<String> REGIONS = List.of("ap", "eu", "us", "sa");
    private static final int IDS = 200;
    private static final int CHANGES = 1_500;

    private final Engine engine = DeltaEngines.create(Map.of());
    private final Random random = new Random(23);

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theTableHoldsTheLastChangeOfEveryKey(boolean regionInKey, KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        String topic = Topics.create(kafka, "partitioned-upsert", 3);
        Map<String, String> expected = new TreeMap<>(); // key → region/name, null when deleted
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        int moves = 0;
        for (int i = 0; i < CHANGES; i++) {
            int id = random.nextInt(regionInKey ? IDS / REGIONS.size() : IDS);
            String region = REGIONS.get(random.nextInt(REGIONS.size()));
            String key = regionInKey ? "{\"region\":\"" + region + "\",\"id\":" + id + "}" : "{\"id\":" + id + "}";
            String value = null;
            String was = expected.get(key);
            if (random.nextInt(10) < 8) {
                value = "{\"id\":" + id + ",\"region\":\"" + region + "\",\"name\":\"v" + i + "\"}";
                moves += was != null && !was.startsWith(region + "/") ? 1 : 0;
                expected.put(key, region + "/v" + i);
            } else {
                expected.put(key, null);
            }
            records.add(new ProducerRecord<>(topic, utf8(key), value == null ? null : utf8(value)));
        }
        kafka.produce(records);

        Path table = dir.resolve("t");
        KafkaToDelta.Builder builder = KafkaToDelta.builder()
                .bridgeName("it")
                .name("partitioned-upsert")
                .kafka(Map.of("bootstrap.servers", kafka.bootstrapServers()))
                .topics(topic)
                .table(table.toString())
                .create(true)
                .schema("id BIGINT NOT NULL, region STRING NOT NULL, name STRING")
                .partitionBy("region")
                .flush(new FlushPolicy(97, 1 << 20, Duration.ofMinutes(1)));
        (regionInKey ? builder.upsert("region", "id") : builder.upsert("id"))
                .build()
                .runOnce();

        Map<String, String> live = new TreeMap<>();
        expected.forEach((key, row) -> {
            if (row != null) {
                live.put(key, row);
            }
        });
        assertEquals(live, rows(table, regionInKey));
        assertEquals(
                List.of("region"),
                TableManager.loadSnapshot(table.toString()).build(engine).getPartitionColumnNames());
        try (Stream<Path> dirs = Files.list(table)) {
            assertEquals(
                    REGIONS.size(),
                    dirs.filter(d -> d.getFileName().toString().startsWith("region="))
                            .count(),
                    "a directory per region");
        }
        assertTrue(regionInKey || moves > 100, "rows moved between partitions: " + moves);
    }

    /** The table's rows by key (as produced), region/name, failing on a key twice. */
    private Map<String, String> rows(Path table, boolean regionInKey) {
        Map<String, String> rows = new TreeMap<>();
        for (ObjectNode r : TableRows.read(engine, table.toString())) {
            String region = r.get("region").asText();
            String key = regionInKey
                    ? "{\"region\":\"" + region + "\",\"id\":" + r.get("id").asLong() + "}"
                    : "{\"id\":" + r.get("id").asLong() + "}";
            assertFalse(rows.containsKey(key), "key " + key + " twice");
            rows.put(key, region + "/" + r.get("name").asText());
        }
        return rows;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
