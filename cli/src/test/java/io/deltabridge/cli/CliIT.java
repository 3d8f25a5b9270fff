package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltabridge.embedded.InsightsTable;
import io.deltabridge.testkit.CliProcess;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a real broker and a Delta table written by Spark (the {@code basic} fixture):
 * validate, schema, run --once both ways, status as table and JSON, a clean stop on SIGTERM, the
 * runtime error paths, and a --once run interrupted (130) then finished exactly once. One broker
 * for the class; the tests run in order on shared state.
 */
@WithKafkaBroker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {
    private static final int VERSIONS_WITH_ROWS = 31;
    private static final int ROWS_PER_VERSION = 2_000;

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
                .filter(row -> List.of("insert", "update_postimage")
                        .contains(row.get("_change_type").asText()))
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
                """.formatted(
                        kafka.bootstrapServers(), basic.table(), topic, topic, dir.resolve("landed")));
        // the sasl setting above is only there to be redacted: the broker uses PLAINTEXT
        String text = Files.readString(config)
                .replace(
                        "  sasl.jaas.config: not-really-used-but-secret\n",
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
        assertTrue(r.out().contains("""
                JSON key (one object of the key columns per record; SPEC §7 encoding):
                  "id": number

                JSON value"""), r.toString());
    }

    @Test
    @Order(2)
    void schemaPrintsTheKeyInItsKeyFormat() throws IOException {
        Path keys = Files.writeString(
                dir.resolve("keys.yaml"), """
                name: cli-it-keys
                kafka: { bootstrap.servers: %s }
                schema-registry: { url: "http://127.0.0.1:9" }
                mappings:
                  - name: avro-keys
                    from: { delta: %s }
                    to:   { kafka: customers-avro }
                    key: [city, id]
                    format: avro
                  - name: string-keys
                    from: { delta: %s }
                    to:   { kafka: customers-text }
                    key: [id]
                    format: json
                    key-format: string
                """.formatted(kafka.bootstrapServers(), basic.table(), basic.table()));

        Cli.Result avro = Cli.run("schema", "-c", keys.toString(), "-m", "avro-keys");
        assertEquals(0, avro.code(), avro.toString());
        String out = avro.out();
        int key = out.indexOf("Avro key schema (subject customers-avro-key):");
        int value = out.indexOf("Avro value schema (subject customers-avro-value):");
        assertTrue(key >= 0 && value > key, avro.toString());
        String keySchema = out.substring(key, out.indexOf("JSON value", key));
        assertTrue(keySchema.contains("_key\""), keySchema);
        // the key columns in key order, not table order, and nothing else
        int city = keySchema.indexOf("\"name\" : \"city\"");
        int id = keySchema.indexOf("\"name\" : \"id\"");
        assertTrue(city > 0 && id > city, keySchema);
        assertFalse(keySchema.contains("\"points\""), keySchema);

        Cli.Result text = Cli.run("schema", "-c", keys.toString(), "-m", "string-keys");
        assertEquals(0, text.code(), text.toString());
        assertTrue(
                text.out().contains("String key: the value of id as UTF-8 text, number without JSON quotes"),
                text.toString());
        assertFalse(text.out().contains("-key):"), text.toString());
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
        assertTrue(
                lines.stream().anyMatch(l -> l.startsWith("customers-out") && l.contains("delta-to-kafka")),
                table.toString());

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
        try (CliProcess bridge = CliProcess.start("run", "-c", config.toString(), "-m", "customers-out")) {
            bridge.awaitLine("Running 1 mapping", Duration.ofSeconds(120));
            assertTrue(bridge.isAlive(), "still running before the signal");
            assertEquals(0, bridge.terminate(Duration.ofSeconds(120)), bridge.output());
            assertTrue(bridge.output().contains("Stop requested"), bridge.output());
            assertTrue(bridge.output().contains("Stopped"), bridge.output());
        }
    }

    @Test
    @Order(7)
    void runtimeErrorsExitWithTheirCodes() throws IOException {
        // a table that is not there: the mapping cannot run
        Path missing = Files.writeString(
                dir.resolve("missing.yaml"), """
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

    @Test
    @Order(8)
    void interruptedOnceExits130AndTheNextRunFinishesTheJobExactlyOnce() throws Exception {
        // 31 versions of rows, a transaction each (max-transaction-records keeps consecutive small versions from
        // sharing
        // one): a run that is still busy when the first one is published
        InsightsTable table = InsightsTable.create(dir.resolve("insights"), ROWS_PER_VERSION);
        for (int v = 1; v < VERSIONS_WITH_ROWS; v++) {
            table.insert((long) v * ROWS_PER_VERSION, ROWS_PER_VERSION);
        }
        long total = (long) VERSIONS_WITH_ROWS * ROWS_PER_VERSION;
        String insightsTopic = kafka.createUniqueTopic("insights", 1);
        Path insights = Files.writeString(dir.resolve("insights.yaml"), """
                name: cli-it-insights
                kafka: { bootstrap.servers: %s }
                mappings:
                  - name: insights-out
                    from: { delta: %s }
                    to:   { kafka: %s }
                    key: [id]
                    format: json
                    max-transaction-records: %d
                """.formatted(
                        kafka.bootstrapServers(), table.path(), insightsTopic, ROWS_PER_VERSION));

        try (CliProcess bridge = CliProcess.start("run", "-c", insights.toString(), "--once")) {
            bridge.awaitLine("insights-out: published version", Duration.ofSeconds(120));
            assertEquals(130, bridge.terminate(Duration.ofSeconds(120)), bridge.output());
            assertTrue(bridge.output().contains("Stop requested"), bridge.output());
        }
        long published = kafka.readAll(insightsTopic, Duration.ofSeconds(60)).size();
        assertTrue(published > 0 && published < total, "cut short: " + published + " of " + total + " events");

        Cli.Result rest = Cli.run("run", "-c", insights.toString(), "--once");
        assertEquals(0, rest.code(), rest.toString());
        assertTrue(rest.out().contains(String.format("%,d records", total - published)), rest + "\nafter " + published);
        List<ConsumedRecord> events = kafka.readAll(insightsTopic, Duration.ofSeconds(60));
        assertEquals(total, events.size());
        assertEquals(
                total, events.stream().map(ConsumedRecord::keyString).distinct().count(), "every row once");
    }

    @Test
    @Order(9)
    void logsOneJsonObjectPerLineWithTheSwitchAndRefusesAnUnknownFormat() throws Exception {
        String json;
        try (CliProcess bridge = CliProcess.start(
                Map.of("BRIDGE_LOG_FORMAT", "json"), "run", "-c", config.toString(), "-m", "customers-out", "--once")) {
            assertEquals(0, bridge.awaitExit(Duration.ofSeconds(120)), bridge.output());
            json = bridge.output();
        }
        List<JsonNode> logLines = new ArrayList<>();
        for (String line : json.lines().filter(l -> l.startsWith("{")).toList()) {
            logLines.add(new ObjectMapper().readTree(line));
        }
        assertTrue(
                logLines.stream()
                        .anyMatch(l -> l.get("level").asText().equals("INFO")
                                && l.get("message").asText().contains("Mapping customers-out")),
                json);
        assertFalse(
                json.lines().anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*")),
                "no text-format line\n" + json);

        try (CliProcess bridge = CliProcess.start(
                Map.of("BRIDGE_LOG_FORMAT", "xml"), "run", "-c", config.toString(), "-m", "customers-out", "--once")) {
            assertEquals(2, bridge.awaitExit(Duration.ofSeconds(60)), bridge.output());
            assertTrue(bridge.output().startsWith("Error: BRIDGE_LOG_FORMAT=xml is not a log format"), bridge.output());
        }
    }
}
