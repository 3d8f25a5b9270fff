package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.StartingVersion;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.lineage.LineageHeaders;
import io.deltabridge.core.schema.DdlPrinter;
import io.deltabridge.d2k.DeltaToKafka;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden Spark table → delta → kafka (the real publisher) → kafka → delta: the latest event per key
 * in the new table (deletes arrive as tombstones, which an append-only table sets aside in the
 * dead-letter topic) equals the source's final rows, and every row says where it came from.
 */
@WithKafkaBroker
class RoundTripIT {
    private final Engine engine = DeltaEngines.create(Map.of());

    @ParameterizedTest
    @ValueSource(strings = {"basic", "partitioned_merge", "all_types"})
    void aTableSurvivesDeltaToKafkaToDelta(String scenario, KafkaCluster kafka, @TempDir Path dir) throws Exception {
        DeltaFixture fixture = DeltaFixtures.copy(scenario, dir.resolve("source"));
        List<String> key = fixture.key();
        String topic = Topics.create(kafka, "rt-" + scenario, 3);
        String dlq = Topics.create(kafka, "rt-dlq-" + scenario, 1);
        Map<String, String> client = Map.of("bootstrap.servers", kafka.bootstrapServers());

        try (var publisher = DeltaToKafka.builder()
                .bridgeName("rt")
                .mappingName("out-" + scenario)
                .kafka(client)
                .table(fixture.table().toString())
                .topic(topic)
                .key(key.toArray(String[]::new))
                .format(Format.JSON)
                .changes(ChangeKind.INSERT, ChangeKind.UPDATE, ChangeKind.DELETE)
                .startingVersion(new StartingVersion.Earliest())
                .progressTopic(KafkaCluster.uniqueName("progress"))
                .build()) {
            publisher.runOnce();
        }

        StructType sourceSchema = TableManager.loadSnapshot(fixture.table().toString())
                .build(engine)
                .getSchema();
        Path sink = dir.resolve("sink");
        KafkaToDelta.builder()
                .bridgeName("rt")
                .name("in-" + scenario)
                .kafka(client)
                .topics(topic)
                .table(sink.toString())
                .create(true)
                .schema(DdlPrinter.toDdl(sourceSchema))
                .deadLetterTopic(dlq)
                .build()
                .runOnce();

        // the latest event per key: rows of the new table and tombstones set aside, by Kafka position
        Map<String, ObjectNode> latest = new HashMap<>();
        Map<String, Long> latestOffset = new HashMap<>();
        List<ObjectNode> rows = TableRows.read(engine, sink.toString());
        for (ObjectNode row : rows) {
            assertEquals(
                    fixture.tableUri(),
                    row.get("_lineage").get(LineageHeaders.SOURCE).asText());
            assertTrue(
                    row.get("_lineage").has(LineageHeaders.VERSION)
                            && row.get("_lineage").has(LineageHeaders.CE_ID),
                    row.toString());
            assertEquals(topic, row.get("_kafka_topic").asText());
            assertTrue(row.get("_rescued_data").isNull(), "nothing unknown: " + row);
            String k = keyOf(row, key);
            long offset = row.get("_kafka_offset").asLong();
            if (offset >= latestOffset.getOrDefault(k, -1L)) {
                latestOffset.put(k, offset);
                ObjectNode data = row.deepCopy();
                LineageColumns.ALL.forEach(data::remove);
                data.remove("_rescued_data");
                latest.put(k, data);
            }
        }
        List<ConsumedRecord> tombstones = kafka.readAll(dlq, Duration.ofSeconds(10));
        for (ConsumedRecord t : tombstones) {
            assertTrue(t.isTombstone(), "only deletes are set aside: " + t);
            JsonNode k = TableRows.JSON.readTree(t.keyString());
            String keyText = key.stream().map(c -> k.get(c).toString()).toList().toString();
            long offset = Long.parseLong(t.headerString("deltabridge.source.offset"));
            if (offset >= latestOffset.getOrDefault(keyText, -1L)) {
                latestOffset.put(keyText, offset);
                latest.remove(keyText);
            }
        }
        List<ObjectNode> actual = new ArrayList<>(latest.values());
        actual.sort(Comparator.comparing(r -> keyOf(r, key)));
        List<ObjectNode> expected = new ArrayList<>(
                fixture.expectedFinal().stream().map(TableRows::normalise).toList());
        expected.sort(Comparator.comparing(r -> keyOf(r, key)));
        assertEquals(expected, actual);
    }

    private static String keyOf(ObjectNode row, List<String> key) {
        return key.stream().map(c -> row.get(c).toString()).toList().toString();
    }
}
