package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.RegistryConfig;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.ExitCode;
import io.deltabridge.core.error.RetriableBridgeException;
import io.deltabridge.core.error.RuntimeFailureException;
import io.deltabridge.core.registry.HttpSchemaRegistryClient;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.RegistryFaults;
import io.deltabridge.testkit.SchemaRegistryExtension;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} of a kafka → delta Avro mapping asks the real registry for each topic's latest value schema and checks it fits the table. */
@WithKafkaBroker
@ExtendWith(SchemaRegistryExtension.class)
class AvroSourceValidateIT {

    @Test
    void theLatestValueSchemaMustMapOntoTheTable(
            KafkaCluster kafka, @SchemaRegistryExtension.Url String url, @TempDir Path dir) {
        try (SchemaRegistryClient registry = registry(url)) {
            String fits = Topics.create(kafka, "fits", 1);
            Path table = dir.resolve("t");
            pipeline(kafka, fits, table, registry).runOnce(); // creates the table, reading nothing
            List<String> unregistered =
                    pipeline(kafka, fits, table, registry).validate().lines();
            assertTrue(
                    unregistered.contains("value schema: subject " + fits + "-value has none registered yet"),
                    unregistered.toString());

            int id = registry.register(
                    fits + "-value",
                    SchemaBuilder.record("order")
                            .fields()
                            .requiredLong("id")
                            .optionalString("note")
                            .endRecord());
            List<String> plan =
                    pipeline(kafka, fits, table, registry).validate().lines();
            assertTrue(
                    plan.contains("value schema: the latest of subject " + fits + "-value (version 1, id " + id
                            + ") maps onto the table"),
                    plan.toString());

            String misfit = Topics.create(kafka, "misfit", 1);
            registry.register(
                    misfit + "-value",
                    SchemaBuilder.record("order").fields().requiredBoolean("id").endRecord());
            ConfigException e = assertThrows(
                    ConfigException.class,
                    () -> pipeline(kafka, misfit, table, registry).validate());
            assertEquals(ExitCode.CONFIG_ERROR, e.exitCode());
            assertTrue(
                    e.getMessage().contains("The latest value schema of subject '" + misfit + "-value' (version 1"),
                    e.getMessage());
            assertTrue(
                    e.getMessage()
                            .contains(
                                    "Field 'id' has Avro type \"boolean\", which cannot be read into a column of type long"),
                    e.getMessage());

            String missing = Topics.create(kafka, "missing", 1);
            registry.register(
                    missing + "-value",
                    SchemaBuilder.record("order")
                            .fields()
                            .optionalString("note")
                            .endRecord());
            ConfigException notNull = assertThrows(
                    ConfigException.class,
                    () -> pipeline(kafka, missing, table, registry).validate());
            assertTrue(
                    notNull.getMessage().contains("the table's NOT NULL column 'id' is not a field of the schema"),
                    notNull.getMessage());
        }
    }

    @Test
    void anUnreachableOrRefusingRegistryFailsValidation(KafkaCluster kafka, @TempDir Path dir) throws IOException {
        String topic = Topics.create(kafka, "unreachable", 1);
        String closed = RegistryFaults.closedUrl();
        try (SchemaRegistryClient down = new HttpSchemaRegistryClient(
                new RegistryConfig(closed, Optional.empty(), Map.of(HttpSchemaRegistryClient.RETRIES, "0")))) {
            RetriableBridgeException e = assertThrows(
                    RetriableBridgeException.class,
                    () -> pipeline(kafka, topic, dir.resolve("t"), down).validate());
            assertTrue(e.getMessage().contains("is unreachable"), e.getMessage());
        }
        HttpServer refusing = RegistryFaults.refusing(401);
        try (SchemaRegistryClient unauthorized = new HttpSchemaRegistryClient(
                new RegistryConfig(RegistryFaults.url(refusing), Optional.of("user:wrong-pw"), Map.of()))) {
            RuntimeFailureException e = assertThrows(
                    RuntimeFailureException.class,
                    () -> pipeline(kafka, topic, dir.resolve("t"), unauthorized).validate());
            assertTrue(e.getMessage().contains("authentication failed (HTTP 401)"), e.getMessage());
        } finally {
            refusing.stop(0);
        }
    }

    private static KafkaToDeltaPipeline pipeline(
            KafkaCluster kafka, String topic, Path table, SchemaRegistryClient registry) {
        return KafkaToDeltaIT.pipeline(kafka, topic, table)
                .format(Format.AVRO)
                .schemaRegistry(registry)
                .build();
    }

    private static SchemaRegistryClient registry(String url) {
        return new HttpSchemaRegistryClient(new RegistryConfig(url, Optional.empty(), Map.of()));
    }
}
