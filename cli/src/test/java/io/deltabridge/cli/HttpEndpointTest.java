package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltabridge.core.config.ConfigLoader;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.pipeline.Bridge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint over a bridge whose broker does not exist (nothing listens on 127.0.0.1:1), not
 * started: its mapping's position cannot be read, so it is unreachable, not ready, yet live.
 */
class HttpEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Bridge bridge;

    @BeforeEach
    void bridge() {
        bridge = Bridge.builder()
                .config(ConfigLoader.load("""
                name: endpoint-test
                kafka: { bootstrap.servers: "127.0.0.1:1" }
                mappings:
                  - name: orders-in
                    from: { kafka: [orders] }
                    to: { delta: %s, create: true, schema: "id INT" }
                """.formatted(dir.resolve("orders")), "endpoint-test.yaml", Map.of()))
                .build();
    }

    @AfterEach
    void close() {
        bridge.close();
    }

    @Test
    void aMappingWhosePositionCannotBeReadIsNotReadyButLive() throws Exception {
        try (HttpEndpoint endpoint = start(0)) {
            String base = "http://127.0.0.1:" + endpoint.port();
            HttpResponse<String> ready = await(base + "/health/ready", 503);
            JsonNode mapping = JSON.readTree(ready.body()).get("mappings").get(0);
            assertEquals("orders-in", mapping.get("name").asText(), ready.body());
            // before the first check it is STARTING, after it UNREACHABLE: both not ready; await the check
            while (mapping.get("state").asText().equals("STARTING")) {
                Thread.sleep(20); // the check runs on its own thread
                mapping = JSON.readTree(get(base + "/health/ready").body())
                        .get("mappings")
                        .get(0);
            }
            assertEquals("UNREACHABLE", mapping.get("state").asText(), mapping.toString());
            assertTrue(mapping.get("detail").asText().contains("does not answer"), mapping.toString());
            HttpResponse<String> live = get(base + "/health/live");
            assertEquals(200, live.statusCode(), live.body());
            assertEquals("UP", JSON.readTree(live.body()).get("status").asText());
            assertEquals(404, get(base + "/nothing").statusCode());
            HttpResponse<String> post = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/metrics"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
        }
    }

    @Test
    void aPortInUseIsAConfigurationErrorNamingIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ConfigException e = assertThrows(
                    ConfigException.class, () -> start(taken.getLocalPort()).close());
            assertTrue(
                    e.getMessage().contains("Cannot serve HTTP on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("--http-port"), e.getMessage());
        }
    }

    @Test
    void aPortOutOfRangeIsAConfigurationError() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> start(70_000).close());
        assertTrue(e.getMessage().contains("127.0.0.1:70000"), e.getMessage());
    }

    private HttpEndpoint start(int port) {
        return HttpEndpoint.start(
                "127.0.0.1",
                port,
                bridge,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                Duration.ofMillis(100),
                Duration.ofSeconds(60),
                Duration.ofMillis(300));
    }

    private HttpResponse<String> await(String url, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> last = get(url);
        while (last.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(20); // the check runs on its own thread
            last = get(url);
        }
        assertEquals(status, last.statusCode(), last.body());
        return last;
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
