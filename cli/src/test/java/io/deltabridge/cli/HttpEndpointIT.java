package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltabridge.embedded.EmbeddedKafkaBroker;
import io.deltabridge.testkit.CliProcess;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridge run --http-port} in a child JVM against a real broker (its own: the test stops it)
 * and real Delta tables, both directions: /metrics moves while records flow, /health/ready turns 503
 * while the broker is down and 200 again once it is back (and the mappings then process again),
 * while /health/live stays 200 throughout.
 */
@WithKafkaBroker
class HttpEndpointIT {
    private static final Pattern SERVING =
            Pattern.compile("Serving /metrics, /health/live and /health/ready on http://127\\.0\\.0\\.1:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private String base;

    @Test
    void metricsMoveAndReadinessFollowsTheBroker(KafkaCluster kafka, EmbeddedKafkaBroker broker) throws Exception {
        DeltaFixture basic = DeltaFixtures.copy("basic", dir);
        String topic = kafka.createUniqueTopic("customers", 3);
        Path config = Files.writeString(dir.resolve("bridge.yaml"), """
                name: health-it
                kafka: { bootstrap.servers: %s }
                mappings:
                  - name: customers-out
                    from: { delta: %s }
                    to:   { kafka: %s }
                    key: [id]
                    format: json
                    poll-interval: 1s
                  - name: customers-in
                    from: { kafka: [%s] }
                    to:
                      delta: %s
                      create: true
                      schema: "id INT NOT NULL, name STRING, city STRING, points BIGINT"
                    format: json
                    flush: { max-interval: 1s }
                """.formatted(
                        kafka.bootstrapServers(), basic.table(), topic, topic, dir.resolve("landed")));

        try (CliProcess bridge = CliProcess.start("run", "-c", config.toString(), "--http-port", "0")) {
            base = "http://127.0.0.1:" + port(bridge);
            assertEquals(200, get("/health/live").statusCode(), bridge.output());

            // both mappings catch up: ready and idle
            HttpResponse<String> ready =
                    await("/health/ready", r -> r.statusCode() == 200 && idle(r.body()) == 2, bridge);
            assertEquals("UP", JSON.readTree(ready.body()).get("status").asText(), ready.body());
            double published = metric(get("/metrics").body(), "deltabridge_records_out_total", "customers-out");
            double read = metric(get("/metrics").body(), "deltabridge_records_in_total", "customers-in");
            assertTrue(published > 0 && read >= published, "published " + published + ", read " + read);

            // the meters move with new records
            produce(kafka, topic, 1, 5);
            awaitMetric("deltabridge_records_in_total", "customers-in", v -> v == read + 5, bridge);
            String scrape = get("/metrics").body();
            assertTrue(scrape.contains("# TYPE deltabridge_records_in_total counter"), scrape);
            assertTrue(metric(scrape, "deltabridge_commits_total", "customers-in") > 0, scrape);
            assertTrue(metric(scrape, "deltabridge_commit_latency_seconds_count", "customers-out") > 0, scrape);
            assertTrue(
                    scrape.contains("deltabridge_commit_latency_seconds_bucket{bridge=\"health-it\""),
                    "a histogram: " + scrape);
            assertEquals(0, metric(scrape, "deltabridge_lag_versions", "customers-out"), scrape);
            assertTrue(scrape.contains("jvm_memory_used_bytes"), scrape);
            // the Kafka clients' own metrics, tagged with their mapping (a partition's once the binder has seen it
            // fetched)
            assertTrue(
                    Pattern.compile("(?m)^kafka_producer_record_send_total\\{[^}]*mapping=\"customers-out\"")
                            .matcher(scrape)
                            .find(),
                    scrape);
            Pattern partitionLag = Pattern.compile(
                    "(?m)^kafka_consumer_fetch_manager_records_lag\\{[^}]*mapping=\"customers-in\"[^}]*partition=");
            await("/metrics", r -> partitionLag.matcher(r.body()).find(), bridge);

            long down = System.nanoTime();
            broker.stopServer();
            HttpResponse<String> notReady = awaitStatus("/health/ready", 503, bridge);
            Duration noticed = Duration.ofNanos(System.nanoTime() - down);
            JsonNode downBody = JSON.readTree(notReady.body());
            assertEquals("DOWN", downBody.get("status").asText(), notReady.body());
            assertTrue(notReady.body().contains("UNREACHABLE"), notReady.body());
            assertEquals(
                    200,
                    get("/health/live").statusCode(),
                    "a lost broker is no reason to restart: "
                            + get("/health/live").body());

            broker.startServer();
            long up = System.nanoTime();
            awaitStatus("/health/ready", 200, bridge);
            Duration recovered = Duration.ofNanos(System.nanoTime() - up);
            double before = metric(get("/metrics").body(), "deltabridge_records_in_total", "customers-in");
            produce(kafka, topic, 100, 5);
            awaitMetric("deltabridge_records_in_total", "customers-in", v -> v == before + 5, bridge);
            System.out.printf(
                    "HttpEndpointIT: %s events published, ready 503 %d ms after the broker stopped, 200 %d ms after it was back%n",
                    published, noticed.toMillis(), recovered.toMillis());

            assertEquals(0, bridge.terminate(PATIENCE), bridge.output());
        }
    }

    private static void produce(KafkaCluster kafka, String topic, int firstId, int count) {
        IntStream.range(firstId, firstId + count)
                .forEach(id -> kafka.produce(
                        topic,
                        "{\"id\":" + id + "}",
                        "{\"id\":" + id + ",\"name\":\"n" + id + "\",\"city\":\"c\",\"points\":" + id + "}"));
    }

    private static int port(CliProcess bridge) throws InterruptedException {
        Matcher[] found = new Matcher[1];
        boolean serving = bridge.tryAwaitOutput(
                out -> {
                    Matcher m = SERVING.matcher(out);
                    if (m.find()) {
                        found[0] = m;
                        return true;
                    }
                    return false;
                },
                PATIENCE);
        assertTrue(serving, bridge.output());
        return Integer.parseInt(found[0].group(1));
    }

    private static long idle(String healthBody) throws IOException {
        JsonNode mappings = JSON.readTree(healthBody).get("mappings");
        return IntStream.range(0, mappings.size())
                .filter(i -> mappings.get(i).get("state").asText().equals("IDLE"))
                .count();
    }

    private HttpResponse<String> awaitStatus(String path, int status, CliProcess bridge) throws Exception {
        return await(path, r -> r.statusCode() == status, bridge);
    }

    private HttpResponse<String> await(String path, Checked condition, CliProcess bridge) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline && bridge.isAlive()) {
            last = get(path);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(250); // polling an endpoint: there is nothing to wait on
        }
        return fail("no expected answer from " + path + "; last: "
                + (last == null ? "-" : last.statusCode() + " " + last.body()) + "\n" + bridge.output());
    }

    @FunctionalInterface
    private interface Checked {
        boolean test(HttpResponse<String> response) throws IOException;
    }

    private void awaitMetric(String name, String mapping, Predicate<Double> condition, CliProcess bridge)
            throws Exception {
        await("/metrics", r -> condition.test(metric(r.body(), name, mapping)), bridge);
    }

    /** The value of {@code name} for {@code mapping} in a Prometheus text scrape. */
    static double metric(String scrape, String name, String mapping) {
        Matcher m = Pattern.compile(
                        "(?m)^" + name + "\\{[^}]*mapping=\"" + Pattern.quote(mapping) + "\"[^}]*\\} (\\S+)$")
                .matcher(scrape);
        if (!m.find()) {
            throw new AssertionError(name + " for " + mapping + " is not in the scrape:\n" + scrape);
        }
        return Double.parseDouble(m.group(1));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
