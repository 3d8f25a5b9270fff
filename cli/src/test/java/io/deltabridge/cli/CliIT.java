package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a real broker and a Delta table written by Spark (the {@code basic} fixture):
 * validate, schema, run --once both ways, status as table and JSON, a clean stop on SIGTERM, and
 * the runtime error paths. One broker for the class; the tests run in order on shared state.
 */
@WithKafkaBroker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {
    @TempDir
    static Path dir;

    private KafkaCluster kafka;
    private DeltaFixture basic;
    private Path config;
    private String topic;
    private long expectedEvents;

    @BeforeAll
    void setUp(KafkaCluster kafka) throws IOException {
        this.kafka = kafka;
        basic = DeltaFixtures.copy("basic", dir);
        topic = KafkaCluster.uniqueName("customers");
        expectedEvents = basic.expectedCdf().stream()
                .filter(row -> List.of("insert", "update_postimage").contains(row.get("_change_type").asText()))
                .count();
        config = Files.writeString(dir.resolve("bridge.yaml"), """
                name: cli-it
                kafka:
                  bootstrap.servers: %s
                  sasl.jaas.config: not-really-used-but-secret
                mappings:
                  - name: customers-out
                    from: { delta: %s }
                    to:   { kafka: %s }
                    key: [id]
                    format: json
                  - name: customers-in
                    from: { kafka: [%s] }
                    to:
                      delta: %s
                      create: true
                      schema: "id INT NOT NULL, name STRING, city STRING, points BIGINT"
                    format: json
                """.formatted(kafka.bootstrapServers(), basic.table(), topic, topic, dir.resolve("landed")));
        // the sasl setting above is only there to be redacted: the broker uses PLAINTEXT
        String text = Files.readString(config).replace("  sasl.jaas.config: not-really-used-but-secret\n",
                "  security.protocol: PLAINTEXT\n  ssl.key.password: not-really-used-but-secret\n");
        Files.writeString(config, text);
    }

    @Test
    @Order(1)
    void validatePrintsTheRedactedConfigAndAPlanPerMapping() {
        kafka.createTopic(topic, 3);
        Cli.Result r = Cli.run("validate", "-c", config.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("✔ customers-out"), r.toString());
        assertTrue(r.out().contains("✔ customers-in"), r.toString());
        assertTrue(r.out().contains("ssl.key.password: '****'"), r.toString());
        assertFalse(r.out().contains("not-really-used"), r.toString());
    }

    @Test
    @Order(2)
    void schemaPrintsTheDeltaSchema() {
        Cli.Result r = Cli.run("schema", "-c", config.toString(), "-m", "customers-out");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("id INT NOT NULL"), r.toString());
        assertTrue(r.out().contains("points BIGINT"), r.toString());
        assertTrue(r.out().contains("\"points\": number or null"), r.toString());
        assertTrue(r.out().contains("subject " + topic + "-value"), r.toString());
        assertTrue(r.out().contains("\"type\" : \"record\""), r.toString());
    }

    @Test
    @Order(3)
    void runOncePublishesTheChangeFeedThenHasNothingToDo() {
        Cli.Result r = Cli.run("run", "-c", config.toString(), "-m", "customers-out", "--once");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("customers-out: "), r.toString());
        List<ConsumedRecord> events = kafka.readUntil(topic, (int) expectedEvents, Duration.ofSeconds(60));
        assertEquals(expectedEvents, events.size());

        Cli.Result again = Cli.run("run", "-c", config.toString(), "-m", "customers-out", "--once");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("customers-out: 0 commits, 0 records"), again.toString());
        assertEquals(expectedEvents, kafka.readAll(topic, Duration.ofSeconds(5)).size());
    }

    @Test
    @Order(4)
    void runOnceLandsTheTopicInANewTable() throws Exception {
        Cli.Result r = Cli.run("run", "--stacktrace", "-c", config.toString(), "-m", "customers-in", "--once");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("customers-in: 1 commit, " + expectedEvents + " records"), r.toString());
        assertTrue(Files.isDirectory(dir.resolve("landed/_delta_log")));
    }

    @Test
    @Order(5)
    void statusShowsNoLagAsTableAndJson() throws Exception {
        Cli.Result table = Cli.run("status", "-c", config.toString());
        assertEquals(0, table.code(), table.toString());
        List<String> lines = table.out().lines().toList();
        assertTrue(lines.get(0).startsWith("MAPPING"), table.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("customers-out") && l.contains("delta-to-kafka")), table.toString());

        Cli.Result json = Cli.run("status", "-c", config.toString(), "--json");
        assertEquals(0, json.code(), json.toString());
        JsonNode array = new ObjectMapper().readTree(json.out());
        assertEquals(2, array.size(), json.toString());
        JsonNode out = array.get(0);
        assertEquals("customers-out", out.get("mapping").asText());
        assertEquals(0, out.get("lag").asLong(), json.toString());
        assertEquals(4, out.get("position").get("version").asLong(), json.toString());
        // kafka → delta: one position and one latest offset per partition of the topic, all read
        // (the topic is written by the transactional delta → kafka run: commit markers are not lag)
        JsonNode in = array.get(1);
        assertEquals("kafka-to-delta", in.get("direction").asText());
        assertEquals(0, in.get("lag").asLong(), json.toString());
        assertEquals(in.get("latest"), in.get("position"), json.toString());
        assertEquals(3, in.get("position").size(), json.toString());
        assertEquals(3, in.get("latest").size(), json.toString());
        assertTrue(in.get("lastCommit").isTextual(), json.toString());
    }

    @Test
    @Order(6)
    void continuousRunStopsCleanlyOnSigtermWithExitZero() throws Exception {
        Process bridge = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BridgeCommand.class.getName(),
                "run", "-c", config.toString(), "-m", "customers-out")
                .redirectErrorStream(true)
                .start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(bridge.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.contains("Running 1 mapping")) {
                        started.complete(null);
                    }
                }
            } catch (IOException e) {
                started.completeExceptionally(e);
            }
        });
        reader.start();
        try {
            started.get(120, TimeUnit.SECONDS);
            assertTrue(bridge.isAlive(), "still running before the signal");
            // SIGTERM; Process.destroy() would also close our end of the pipe and lose the child's last lines
            assertTrue(bridge.toHandle().destroy());
            assertTrue(bridge.waitFor(120, TimeUnit.SECONDS), "stopped in time");
            reader.join(10_000);
            synchronized (output) {
                assertEquals(0, bridge.exitValue(), output.toString());
                assertTrue(output.toString().contains("Stop requested"), output.toString());
                assertTrue(output.toString().contains("Stopped"), output.toString());
            }
        } finally {
            bridge.destroyForcibly();
        }
    }

    @Test
    @Order(7)
    void runtimeErrorsExitWithTheirCodes() throws IOException {
        // a table that is not there: the mapping cannot run
        Path missing = Files.writeString(dir.resolve("missing.yaml"), """
                name: cli-it-missing
                kafka: { bootstrap.servers: %s }
                mappings:
                  - name: ghost-out
                    from: { delta: %s }
                    to:   { kafka: ghost }
                    key: [id]
                """.formatted(kafka.bootstrapServers(), dir.resolve("no-such-table")));
        Cli.Result r = Cli.run("run", "-c", missing.toString(), "--once");
        assertTrue(r.code() == 2 || r.code() == 3, r.toString());
        assertTrue(r.err().startsWith("Error: "), r.toString());
        assertTrue(r.err().lines().count() <= 2, "one or two lines\n" + r);

        Cli.Result validate = Cli.run("validate", "-c", missing.toString());
        assertEquals(r.code(), validate.code(), validate.toString());
        assertTrue(validate.out().contains("✘ ghost-out"), validate.toString());
    }
}
