package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.RegistryConfig;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.ExitCode;
import io.deltabridge.core.error.RuntimeFailureException;
import io.deltabridge.core.pipeline.Plan;
import io.deltabridge.core.registry.HttpSchemaRegistryClient;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.RegistryFaults;
import io.deltabridge.testkit.SchemaRegistryExtension;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} of an Avro mapping asks the real registry whether the table's schemas are compatible with the subjects'. */
@WithKafkaBroker
@ExtendWith(SchemaRegistryExtension.class)
class AvroValidateIT {
    @TempDir
    static Path tmp;

    @Test
    void validateReportsWhatTheSubjectsHoldBeforeAndAfterTheFirstPublish(
            KafkaCluster kafka, @SchemaRegistryExtension.Url String url) {
        String topic = kafka.createUniqueTopic("validate-ok", 1);
        try (SchemaRegistryClient registry = registry(url)) {
            DeltaFixture f = DeltaFixtures.copy("basic", tmp.resolve("ok"));
            List<String> before = plan(kafka, f, topic, registry);
            assertTrue(
                    before.contains("key schema: subject " + topic
                            + "-key has none registered yet; registered on the first publish"),
                    before.toString());
            assertTrue(
                    before.contains("value schema: subject " + topic
                            + "-value has none registered yet; registered on the first publish"),
                    before.toString());

            try (DeltaToKafkaPipeline p = pipeline(kafka, f, topic, registry)) {
                p.runOnce();
            }
            List<String> after = plan(kafka, f, topic, registry);
            int id = registry.latest(topic + "-value").orElseThrow().id();
            assertTrue(
                    after.contains(
                            "value schema: the latest of subject " + topic + "-value (version 1, id " + id + ")"),
                    after.toString());
        }
    }

    @Test
    void aSchemaTheSubjectsCompatibilityRefusesFailsValidation(
            KafkaCluster kafka, @SchemaRegistryExtension.Url String url) {
        String topic = kafka.createUniqueTopic("validate-incompatible", 1);
        try (SchemaRegistryClient registry = registry(url)) {
            DeltaFixture f = DeltaFixtures.copy("basic", tmp.resolve("incompatible"));
            // registered by another producer: a value whose `id` is a string, which the table's bigint cannot be read
            // as
            Schema other = SchemaBuilder.record("other")
                    .fields()
                    .requiredString("id")
                    .requiredString("extra")
                    .endRecord();
            registry.register(topic + "-value", other);

            ConfigException e = assertThrows(ConfigException.class, () -> plan(kafka, f, topic, registry));
            assertEquals(ExitCode.CONFIG_ERROR, e.exitCode());
            assertTrue(
                    e.getMessage()
                            .contains("The value schema of mapping '" + topic
                                    + "' is not compatible with the latest one registered under subject '" + topic
                                    + "-value'"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("version 1"), e.getMessage());
        }
    }

    @Test
    void anUnreachableOrRefusingRegistryFailsValidation(KafkaCluster kafka) throws IOException {
        String topic = kafka.createUniqueTopic("validate-unreachable", 1);
        DeltaFixture f = DeltaFixtures.copy("basic", tmp.resolve("unreachable"));
        String closed = RegistryFaults.closedUrl();
        try (SchemaRegistryClient down = new HttpSchemaRegistryClient(
                new RegistryConfig(closed, Optional.empty(), Map.of(HttpSchemaRegistryClient.RETRIES, "0")))) {
            BridgeException e = assertThrows(BridgeException.class, () -> plan(kafka, f, topic, down));
            assertTrue(e.getMessage().contains("Schema registry at " + closed + " is unreachable"), e.getMessage());
            assertFalse(e.exitCode() == ExitCode.SUCCESS);
        }

        HttpServer refusing = RegistryFaults.refusing(401);
        try (SchemaRegistryClient unauthorized = new HttpSchemaRegistryClient(
                new RegistryConfig(RegistryFaults.url(refusing), Optional.of("user:wrong-pw"), Map.of()))) {
            RuntimeFailureException e =
                    assertThrows(RuntimeFailureException.class, () -> plan(kafka, f, topic, unauthorized));
            assertTrue(e.getMessage().contains("authentication failed (HTTP 401)"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-pw"), e.getMessage());
        } finally {
            refusing.stop(0);
        }
    }

    private static List<String> plan(KafkaCluster kafka, DeltaFixture f, String topic, SchemaRegistryClient registry) {
        try (DeltaToKafkaPipeline p = pipeline(kafka, f, topic, registry)) {
            Plan plan = p.validate();
            return plan.lines();
        }
    }

    private static DeltaToKafkaPipeline pipeline(
            KafkaCluster kafka, DeltaFixture f, String topic, SchemaRegistryClient registry) {
        Map<String, String> settings = new HashMap<>();
        kafka.clientProperties().forEach((k, v) -> settings.put(k, String.valueOf(v)));
        return DeltaToKafka.builder()
                .bridgeName("it")
                .mappingName(topic)
                .table(f.table().toString())
                .topic(topic)
                .key("id")
                .format(Format.AVRO)
                .kafka(settings)
                .schemaRegistry(registry)
                .build();
    }

    private static SchemaRegistryClient registry(String url) {
        return new HttpSchemaRegistryClient(new RegistryConfig(url, Optional.empty(), Map.of()));
    }
}
