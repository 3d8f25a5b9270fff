package io.deltabridge.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.deltabridge.core.config.ConfigLoader;
import io.deltabridge.core.config.RegistryConfig;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.RuntimeFailureException;
import io.deltabridge.testkit.registry.ApicurioRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Confluent's registry client keys, written in a mapping file, used against the real registry: USER_INFO
 * basic auth and a static bearer token (checked by {@link RegistryProxy} in front of it), lookup only
 * with {@code auto.register.schemas: false}, and the subject name strategies.
 */
class ConfluentClientKeysIT {
    private static final Schema ORDER = SchemaBuilder.record("order")
            .namespace("ckeys.orders")
            .fields()
            .requiredLong("id")
            .endRecord();
    private static ApicurioRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = ApicurioRegistry.shared();
    }

    @Test
    void userInfoBasicAuthAuthenticatesAndARefusalNamesTheKey() throws IOException {
        String expected =
                "Basic " + Base64.getEncoder().encodeToString("key-1:secret-1".getBytes(StandardCharsets.UTF_8));
        HttpServer proxy = RegistryProxy.start(
                registry.baseUrl(),
                exchange -> expected.equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 0 : 401);
        try {
            try (HttpSchemaRegistryClient client =
                    client(proxy, "basic.auth.credentials.source: USER_INFO", "basic.auth.user.info: key-1:secret-1")) {
                int id = client.register("ckeys-basic-value", ORDER);
                assertEquals(ORDER, direct().schemaById(id));
            }
            try (HttpSchemaRegistryClient client = client(
                    proxy, "basic.auth.credentials.source: USER_INFO", "basic.auth.user.info: key-1:wrong-secret")) {
                RuntimeFailureException e =
                        assertThrows(RuntimeFailureException.class, () -> client.latest("ckeys-basic-value"));
                assertTrue(
                        e.getMessage().contains("authentication failed")
                                && e.getMessage().contains("basic.auth.user.info"),
                        e.getMessage());
                assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
            }
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void aStaticBearerTokenIsSentWithConfluentCloudsRoutingHeaders() throws IOException {
        HttpServer proxy = RegistryProxy.start(
                registry.baseUrl(),
                exchange -> "Bearer tok-123".equals(exchange.getRequestHeaders().getFirst("Authorization"))
                                && "lsrc-1".equals(exchange.getRequestHeaders().getFirst("target-sr-cluster"))
                        ? 0
                        : 401);
        try (HttpSchemaRegistryClient client = client(
                proxy,
                "bearer.auth.credentials.source: STATIC_TOKEN",
                "bearer.auth.token: tok-123",
                "bearer.auth.logical.cluster: lsrc-1")) {
            int id = client.register("ckeys-bearer-value", ORDER);
            assertEquals(ORDER, direct().schemaById(id));
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void withoutAutoRegisterSchemasAreOnlyLookedUp() {
        try (HttpSchemaRegistryClient lookupOnly =
                new HttpSchemaRegistryClient(config(registry.confluentUrl(), "auto.register.schemas: false"))) {
            ConfigException e =
                    assertThrows(ConfigException.class, () -> lookupOnly.register("ckeys-lookup-value", ORDER));
            assertTrue(e.getMessage().contains("not registered under subject 'ckeys-lookup-value'"), e.getMessage());
            assertTrue(direct().latest("ckeys-lookup-value").isEmpty(), "nothing was registered");

            int id = direct().register("ckeys-lookup-value", ORDER);
            assertEquals(id, lookupOnly.register("ckeys-lookup-value", ORDER));
        }
    }

    @Test
    void subjectNameStrategiesNameTheSubjectsSchemasAreRegisteredUnder() {
        try (HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(config(
                registry.confluentUrl(),
                "key.subject.name.strategy: io.confluent.kafka.serializers.subject.TopicRecordNameStrategy",
                "value.subject.name.strategy: RecordNameStrategy"))) {
            assertEquals("ckeys.orders.order", client.subject("orders", false, ORDER));
            assertEquals("orders-ckeys.orders.order", client.subject("orders", true, ORDER));
            int id = client.register(client.subject("orders", false, ORDER), ORDER);
            assertEquals(id, direct().latest("ckeys.orders.order").orElseThrow().id());
        }
        assertEquals("orders-value", direct().subject("orders", false, ORDER), "TopicNameStrategy by default");
    }

    /** A client built from a mapping file whose schema-registry section has {@code lines} beside the proxy's url. */
    private static HttpSchemaRegistryClient client(HttpServer proxy, String... lines) {
        return new HttpSchemaRegistryClient(config(RegistryProxy.url(proxy), lines));
    }

    private static RegistryConfig config(String url, String... lines) {
        String yaml = "name: b\nkafka: { bootstrap.servers: k }\nschema-registry:\n  url: " + url + "\n"
                + String.join(
                        "",
                        java.util.Arrays.stream(lines).map(l -> "  " + l + "\n").toList())
                + "mappings: [{name: m, from: {kafka: t}, to: {delta: /t}, format: avro}]\n";
        return ConfigLoader.load(yaml, "bridge.yaml", Map.of()).schemaRegistry().orElseThrow();
    }

    private static HttpSchemaRegistryClient direct() {
        return new HttpSchemaRegistryClient(
                new RegistryConfig(registry.confluentUrl(), java.util.Optional.empty(), Map.of()));
    }
}
