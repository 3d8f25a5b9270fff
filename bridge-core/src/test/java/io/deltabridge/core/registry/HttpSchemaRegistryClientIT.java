package io.deltabridge.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.deltabridge.core.config.RegistryConfig;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.ExitCode;
import io.deltabridge.core.error.RetriableBridgeException;
import io.deltabridge.core.error.RuntimeFailureException;
import io.deltabridge.testkit.registry.ApicurioRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real Apicurio Registry (Confluent API, BACKWARD compatibility like Confluent's default). */
class HttpSchemaRegistryClientIT {
    private static final Schema V1 = SchemaBuilder.record("order")
            .namespace("deltabridge.orders")
            .fields()
            .requiredLong("order_id")
            .optionalString("note")
            .endRecord();
    /** Adds a nullable field with a default: backward compatible. */
    private static final Schema V2 = SchemaBuilder.record("order")
            .namespace("deltabridge.orders")
            .fields()
            .requiredLong("order_id")
            .optionalString("note")
            .optionalDouble("amount")
            .endRecord();
    /** Adds a required field without a default: old records cannot be read with it. */
    private static final Schema INCOMPATIBLE = SchemaBuilder.record("order")
            .namespace("deltabridge.orders")
            .fields()
            .requiredLong("order_id")
            .optionalString("note")
            .optionalDouble("amount")
            .requiredString("customer")
            .endRecord();

    private static ApicurioRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = ApicurioRegistry.shared(); // one per test JVM; every test uses its own subjects
    }

    private static HttpSchemaRegistryClient client(
            String url, Optional<String> basicAuth, Map<String, String> settings) {
        return new HttpSchemaRegistryClient(new RegistryConfig(url, basicAuth, settings));
    }

    private static HttpSchemaRegistryClient client() {
        return client(registry.confluentUrl(), Optional.empty(), Map.of());
    }

    @Test
    void registersLooksUpAndFetchesByIdAndLatest() {
        String subject = "orders-value";
        int id;
        try (HttpSchemaRegistryClient writer = client()) {
            id = writer.register(subject, V1);
            assertEquals(id, writer.register(subject, V1), "registering the same schema again gives the same id");
        }
        try (HttpSchemaRegistryClient reader = client()) {
            assertEquals(Optional.of(id), reader.lookup(subject, V1));
            assertEquals(Optional.empty(), reader.lookup(subject, V2), "a schema not registered under the subject");
            assertEquals(Optional.empty(), reader.lookup("no-such-subject", V1));
            assertEquals(V1, reader.schemaById(id));
            assertEquals(id, reader.register(subject, V1), "registry deduplicates, not only the cache");

            SchemaRegistryClient.RegisteredSchema latest =
                    reader.latest(subject).orElseThrow();
            assertEquals(new SchemaRegistryClient.RegisteredSchema(subject, id, 1, V1), latest);
            assertEquals(Optional.empty(), reader.latest("no-such-subject"));

            DataException unknown = assertThrows(DataException.class, () -> reader.schemaById(987654));
            assertTrue(unknown.getMessage().contains("987654"), unknown.getMessage());
        }
    }

    @Test
    void acceptsCompatibleChangesAndExplainsIncompatibleOnes() {
        String subject = "evolving-value";
        try (HttpSchemaRegistryClient client = client()) {
            assertTrue(client.isCompatible(subject, V1), "a new subject accepts anything");
            int v1 = client.register(subject, V1);

            assertTrue(client.isCompatible(subject, V2));
            int v2 = client.register(subject, V2);
            assertNotEquals(v1, v2);
            assertEquals(2, client.latest(subject).orElseThrow().version());
            assertEquals(V2, client.latest(subject).orElseThrow().schema());

            assertFalse(client.isCompatible(subject, INCOMPATIBLE));
            ConfigException e = assertThrows(ConfigException.class, () -> client.register(subject, INCOMPATIBLE));
            assertTrue(e.problem().contains("incompatible") && e.problem().contains(subject), e.getMessage());
            assertTrue(e.reason() != null && !e.reason().isBlank(), "the registry's reason is quoted");
            assertTrue(e.fix() != null, e.getMessage());
            assertEquals(V2, client.latest(subject).orElseThrow().schema(), "nothing was registered");
        }
    }

    @Test
    void registryDownIsARetriableErrorNamingTheUrlButNotThePassword() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/apis/ccompat/v7";
        try (HttpSchemaRegistryClient client = client(
                url,
                Optional.of("alice:s3cret-pw"),
                Map.of(HttpSchemaRegistryClient.RETRIES, "2", HttpSchemaRegistryClient.RETRY_BACKOFF_MS, "10"))) {
            RetriableBridgeException e =
                    assertThrows(RetriableBridgeException.class, () -> client.register("down-value", V1));
            assertTrue(e.isRetriable());
            assertTrue(e.getMessage().contains(url), e.getMessage());
            assertTrue(e.getMessage().contains("3 attempt"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cret-pw"), e.getMessage());
        }
    }

    @Test
    void sendsBasicAuthAndExplainsARefusal() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer proxy = authenticatingProxy("alice:s3cret-pw", seen);
        try {
            String url = "http://127.0.0.1:" + proxy.getAddress().getPort() + "/apis/ccompat/v7";
            try (HttpSchemaRegistryClient client = client(url, Optional.of("alice:s3cret-pw"), Map.of())) {
                int id = client.register("auth-value", V1);
                assertEquals(
                        V1,
                        client(registry.confluentUrl(), Optional.empty(), Map.of())
                                .schemaById(id));
            }
            String expected =
                    "Basic " + Base64.getEncoder().encodeToString("alice:s3cret-pw".getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of(expected), seen.stream().distinct().toList());

            try (HttpSchemaRegistryClient client = client(url, Optional.of("alice:wrong-pw"), Map.of())) {
                // credentials rejected (e.g. rotated mid-run): a runtime failure (exit 1), not a file error
                RuntimeFailureException e =
                        assertThrows(RuntimeFailureException.class, () -> client.latest("auth-value"));
                assertEquals(ExitCode.RUNTIME_FAILURE, e.exitCode());
                assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
                assertTrue(e.getMessage().contains("basic-auth"), e.getMessage());
                assertFalse(e.getMessage().contains("wrong-pw"), e.getMessage());
            }
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void retriesServerErrorsAndExplainsThemWhenTheyPersist() throws IOException {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer flaky = proxy(exchange -> calls.incrementAndGet() <= 2 ? 503 : 0);
        HttpServer broken = proxy(exchange -> 500);
        HttpServer forbidding = proxy(exchange -> 403);
        Map<String, String> quickRetries =
                Map.of(HttpSchemaRegistryClient.RETRIES, "2", HttpSchemaRegistryClient.RETRY_BACKOFF_MS, "10");
        try {
            try (HttpSchemaRegistryClient client = client(url(flaky), Optional.empty(), quickRetries)) {
                int id = client.register("flaky-value", V1);
                assertEquals(V1, client().schemaById(id));
                assertEquals(3, calls.get(), "two 503s, then the registry");
            }
            try (HttpSchemaRegistryClient client = client(url(broken), Optional.empty(), quickRetries)) {
                RetriableBridgeException e =
                        assertThrows(RetriableBridgeException.class, () -> client.latest("broken-value"));
                assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains(url(broken)), e.getMessage());
            }
            try (HttpSchemaRegistryClient client = client(url(forbidding), Optional.of("bob:pw-123"), quickRetries)) {
                RuntimeFailureException e =
                        assertThrows(RuntimeFailureException.class, () -> client.register("secret-value", V1));
                assertTrue(
                        e.getMessage().contains("permission denied")
                                && e.getMessage().contains("secret-value"),
                        e.getMessage());
                assertFalse(e.getMessage().contains("pw-123"), e.getMessage());
            }
        } finally {
            flaky.stop(0);
            broken.stop(0);
            forbidding.stop(0);
        }
    }

    private static String url(HttpServer proxy) {
        return "http://127.0.0.1:" + proxy.getAddress().getPort() + "/apis/ccompat/v7";
    }

    /** Forwards to the real registry when the request carries the expected basic credentials, else answers 401. */
    private static HttpServer authenticatingProxy(String credentials, List<String> seenAuthorization)
            throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        return proxy(exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            seenAuthorization.add(String.valueOf(authorization));
            return expected.equals(authorization) ? 0 : 401;
        });
    }

    /** {@link RegistryProxy} in front of this test's registry. */
    private static HttpServer proxy(java.util.function.ToIntFunction<com.sun.net.httpserver.HttpExchange> refuse)
            throws IOException {
        return RegistryProxy.start(registry.baseUrl(), refuse);
    }
}
