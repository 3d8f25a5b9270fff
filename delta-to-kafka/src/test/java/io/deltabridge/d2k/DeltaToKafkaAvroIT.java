package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.RegistryConfig;
import io.deltabridge.core.format.ConfluentWireFormat;
import io.deltabridge.core.registry.HttpSchemaRegistryClient;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.SchemaRegistryExtension;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** format avro against a real broker and a real (Apicurio, Confluent API) schema registry. */
@WithKafkaBroker
@ExtendWith(SchemaRegistryExtension.class)
class DeltaToKafkaAvroIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;

    @Test
    void avroRowsAndDebeziumEventsWithSchemasInTheRegistry(KafkaCluster kafka, @SchemaRegistryExtension.Url String url)
            throws IOException {
        try (SchemaRegistryClient registry =
                new HttpSchemaRegistryClient(new RegistryConfig(url, Optional.empty(), Map.of()))) {
            for (Envelope envelope : Envelope.values()) {
                DeltaFixture f = DeltaFixtures.copy("basic", tmp.resolve("basic-" + envelope));
                String topic = kafka.createUniqueTopic("avro-" + envelope.name().toLowerCase(), 2);
                Map<String, String> settings = new HashMap<>();
                kafka.clientProperties().forEach((k, v) -> settings.put(k, String.valueOf(v)));
                try (DeltaToKafkaPipeline p = DeltaToKafka.builder()
                        .bridgeName("it")
                        .table(f.table().toString())
                        .topic(topic)
                        .key("id")
                        .format(Format.AVRO)
                        .envelope(envelope)
                        .changes(ChangeKind.INSERT, ChangeKind.UPDATE, ChangeKind.DELETE)
                        .kafka(settings)
                        .schemaRegistry(registry)
                        .build()) {
                    p.runOnce();
                }
                assertTrue(registry.latest(topic + "-key").isPresent());
                assertTrue(registry.latest(topic + "-value").isPresent());

                List<String> expected = new ArrayList<>();
                for (ObjectNode row : f.expectedCdf()) {
                    String type = row.get("_change_type").asText();
                    if (!type.equals("update_preimage")) {
                        expected.add(type + " " + row.get("id") + " " + (type.equals("delete") ? "null" : text(row)));
                    }
                }
                long deletes =
                        expected.stream().filter(e -> e.startsWith("delete ")).count();
                // commit markers reach the partitions just after commitTransaction returns: wait for them
                kafka.readUntil(
                        topic, (int) (expected.size() + (envelope == Envelope.DEBEZIUM ? deletes : 0)), TIMEOUT);
                List<String> actual = new ArrayList<>();
                for (ConsumedRecord r : kafka.readAll(topic, TIMEOUT)) {
                    assertEquals("application/avro", r.headerString("content-type"));
                    String type = r.headerString("deltabridge.change.type");
                    GenericRecord key = decode(registry, r.key());
                    if (envelope == Envelope.ROW) {
                        GenericRecord value = r.isTombstone() ? null : decode(registry, r.value());
                        actual.add(type + " " + key.get("id") + " " + (value == null ? "null" : text(value)));
                    } else if (!r.isTombstone()) {
                        GenericRecord value = decode(registry, r.value());
                        GenericRecord row = (GenericRecord) value.get(type.equals("delete") ? "before" : "after");
                        assertEquals(
                                type.equals("delete") ? "d" : type.equals("insert") ? "c" : "u",
                                value.get("op").toString());
                        assertEquals(
                                r.headerString("deltabridge.version"),
                                ((GenericRecord) value.get("source"))
                                        .get("version")
                                        .toString());
                        if (type.equals("insert")) {
                            assertNull(value.get("before"));
                        }
                        if (type.equals("update_postimage")) {
                            assertEquals(key.get("id"), ((GenericRecord) value.get("before")).get("id"));
                        }
                        actual.add(type + " " + key.get("id") + " " + (type.equals("delete") ? "null" : text(row)));
                    }
                }
                expected.sort(null);
                actual.sort(null);
                assertEquals(expected, actual, envelope.name());
            }
        }
    }

    private static String text(ObjectNode row) {
        return row.get("id").asText() + "|" + row.get("name").asText() + "|"
                + row.get("city").asText() + "|" + row.get("points").asText();
    }

    private static String text(GenericRecord row) {
        return row.get("id") + "|" + row.get("name") + "|" + row.get("city") + "|" + row.get("points");
    }

    private static GenericRecord decode(SchemaRegistryClient registry, byte[] framed) throws IOException {
        Schema schema = registry.schemaById(ConfluentWireFormat.schemaId(framed));
        return new GenericDatumReader<GenericRecord>(schema)
                .read(
                        null,
                        DecoderFactory.get()
                                .binaryDecoder(
                                        framed,
                                        ConfluentWireFormat.HEADER_SIZE,
                                        framed.length - ConfluentWireFormat.HEADER_SIZE,
                                        null));
    }
}
