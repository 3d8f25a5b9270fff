package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.RegistryClientKeys;
import io.deltabridge.core.config.RegistryConfig;
import io.deltabridge.core.error.ConfigException;
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
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code use.latest.version: true} (with {@code auto.register.schemas: false}) against a real broker and registry:
 * events are written with the subject's latest schema and its id, never with a newly registered one.
 */
@WithKafkaBroker
@ExtendWith(SchemaRegistryExtension.class)
class DeltaToKafkaLatestVersionIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;

    @Test
    void eventsAreWrittenWithTheLatestRegisteredSchemaWhenTheRowsMapOntoIt(
            KafkaCluster kafka, @SchemaRegistryExtension.Url String url) throws IOException {
        DeltaFixture f = DeltaFixtures.copy("basic", tmp.resolve("latest"));
        try (SchemaRegistryClient registering = registry(url, Map.of());
                SchemaRegistryClient latest = latestVersion(url)) {
            String derivedTopic = publishDerived(kafka, f, registering);
            Schema derivedKey =
                    registering.latest(derivedTopic + "-key").orElseThrow().schema();
            Schema derivedValue =
                    registering.latest(derivedTopic + "-value").orElseThrow().schema();

            // a later version, registered before the table has the new field: it has a default
            String topic = kafka.createUniqueTopic("latest", 1);
            registering.register(topic + "-key", derivedKey);
            Schema withOrigin = copy(
                    derivedValue,
                    List.of(new Schema.Field("origin", Schema.create(Schema.Type.STRING), null, "lake")),
                    UnaryOperator.identity());
            int valueId = registering.register(topic + "-value", withOrigin);

            try (DeltaToKafkaPipeline p = pipeline(kafka, f, topic, latest)) {
                assertTrue(
                        p.validate()
                                .lines()
                                .contains("value schema: written with the latest of subject " + topic + "-value (id "
                                        + valueId + ", use.latest.version)"),
                        p.validate().lines().toString());
                p.runOnce();
            }
            assertEquals(1, registering.latest(topic + "-value").orElseThrow().version(), "nothing was registered");
            List<ConsumedRecord> records = kafka.readAll(topic, TIMEOUT);
            assertFalse(records.isEmpty());
            List<String> rows = new ArrayList<>();
            for (ConsumedRecord r : records) {
                if (!r.isTombstone()) {
                    assertEquals(valueId, ConfluentWireFormat.schemaId(r.value()));
                    GenericRecord value = decode(withOrigin, r.value());
                    assertEquals("lake", value.get("origin").toString());
                    rows.add(value.get("id") + "|" + value.get("name"));
                }
            }
            assertFalse(rows.isEmpty());
            assertTrue(rows.stream().noneMatch(row -> row.startsWith("null|")), rows.toString());
        }
    }

    @Test
    void aMissingOrIncompatibleLatestSchemaIsAConfigurationError(
            KafkaCluster kafka, @SchemaRegistryExtension.Url String url) {
        DeltaFixture f = DeltaFixtures.copy("basic", tmp.resolve("refused"));
        try (SchemaRegistryClient registering = registry(url, Map.of());
                SchemaRegistryClient latest = latestVersion(url)) {
            String none = kafka.createUniqueTopic("latest-none", 1);
            try (DeltaToKafkaPipeline p = pipeline(kafka, f, none, latest)) {
                ConfigException missing = assertThrows(ConfigException.class, p::runOnce);
                assertEquals("Subject '" + none + "-key' has no schema registered to write with", missing.problem());
            }

            String derivedTopic = publishDerived(kafka, f, registering);
            String topic = kafka.createUniqueTopic("latest-strict", 1);
            registering.register(
                    topic + "-key",
                    registering.latest(derivedTopic + "-key").orElseThrow().schema());
            // `name` without null: it cannot read every row of the table, whose `name` is nullable
            Schema nameRequired = copy(
                    registering.latest(derivedTopic + "-value").orElseThrow().schema(),
                    List.of(),
                    field -> field.name().equals("name")
                            ? new Schema.Field("name", Schema.create(Schema.Type.STRING))
                            : field);
            registering.register(topic + "-value", nameRequired);
            try (DeltaToKafkaPipeline p = pipeline(kafka, f, topic, latest)) {
                ConfigException strict = assertThrows(ConfigException.class, p::validate);
                assertTrue(
                        strict.problem()
                                .startsWith("The latest schema of subject '" + topic + "-value' (version 1, id "),
                        strict.problem());
                assertTrue(strict.problem().endsWith("cannot read the rows of the table"), strict.problem());
                assertThrows(ConfigException.class, p::runOnce);
            }
            try (DeltaToKafkaPipeline p = DeltaToKafka.builder()
                    .bridgeName("it")
                    .mappingName(topic)
                    .table(f.table().toString())
                    .topic(topic)
                    .key("id")
                    .format(Format.AVRO)
                    .envelope(Envelope.DEBEZIUM)
                    .kafka(settings(kafka))
                    .schemaRegistry(latest)
                    .build()) {
                ConfigException debezium = assertThrows(ConfigException.class, p::validate);
                assertEquals(
                        "Mapping '" + topic
                                + "' writes Debezium envelopes, which `use.latest.version` does not apply to",
                        debezium.problem());
            }
        }
    }

    /** Publishes the table to a new topic with auto-registration: the subjects of that topic hold the schemas the table gives. */
    private static String publishDerived(KafkaCluster kafka, DeltaFixture f, SchemaRegistryClient registering) {
        String topic = kafka.createUniqueTopic("latest-derived", 1);
        try (DeltaToKafkaPipeline p = pipeline(kafka, f, topic, registering)) {
            p.runOnce();
        }
        return topic;
    }

    private static SchemaRegistryClient latestVersion(String url) {
        return registry(
                url, Map.of(RegistryClientKeys.AUTO_REGISTER, "false", RegistryClientKeys.USE_LATEST_VERSION, "true"));
    }

    /** {@code schema} with each field passed through {@code change}, and {@code added} after them. */
    private static Schema copy(Schema schema, List<Schema.Field> added, UnaryOperator<Schema.Field> change) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            Schema.Field changed = change.apply(field);
            fields.add(changed == field ? new Schema.Field(field, field.schema()) : changed);
        }
        fields.addAll(added);
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static DeltaToKafkaPipeline pipeline(
            KafkaCluster kafka, DeltaFixture f, String topic, SchemaRegistryClient registry) {
        return DeltaToKafka.builder()
                .bridgeName("it")
                .mappingName(topic)
                .table(f.table().toString())
                .topic(topic)
                .key("id")
                .format(Format.AVRO)
                .kafka(settings(kafka))
                .schemaRegistry(registry)
                .build();
    }

    private static Map<String, String> settings(KafkaCluster kafka) {
        Map<String, String> settings = new HashMap<>();
        kafka.clientProperties().forEach((k, v) -> settings.put(k, String.valueOf(v)));
        return settings;
    }

    private static SchemaRegistryClient registry(String url, Map<String, String> settings) {
        return new HttpSchemaRegistryClient(new RegistryConfig(url, Optional.empty(), settings));
    }

    private static GenericRecord decode(Schema schema, byte[] framed) throws IOException {
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
