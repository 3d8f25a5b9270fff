package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * OpenLineage run events of real {@code bridge run --once} runs (real broker, real Delta tables) as a
 * Marquez-compatible HTTP receiver in the test gets them: delta → kafka, kafka → delta and a run that
 * fails, every event valid against the official OpenLineage JSON schemas; and a receiver that refuses
 * every event, which the data does not notice.
 */
@WithKafkaBroker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenLineageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_KEY = "ol-key-not-to-be-logged";

    @TempDir
    static Path dir;

    private KafkaCluster kafka;
    private DeltaFixture basic;
    private String topic;
    private HttpServer receiver;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int status = 201;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeAll
    void setUp(KafkaCluster kafka) {
        this.kafka = kafka;
        basic = DeltaFixtures.copy("basic", dir);
        topic = kafka.createUniqueTopic("customers", 3);
    }

    @BeforeEach
    void startReceiver() throws IOException {
        events.clear();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/api/v1/lineage", this::receive);
        receiver.start();
        log.list.clear();
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void stopReceiver() {
        root.detachAppender(log);
        receiver.stop(0);
        assertTrue(
                log.list.stream().noneMatch(e -> e.getFormattedMessage().contains(API_KEY)),
                "the API key is never logged");
    }

    private List<String> warnings() {
        return log.list.stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            if ("POST".equals(exchange.getRequestMethod())
                    && "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                events.add(JSON.readTree(body));
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            }
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Test
    @Order(1)
    void deltaToKafkaSendsARunPerPublishedVersion() throws IOException {
        Cli.Result r = Cli.run(
                "run", "-c", config("d2k", """
                  - name: customers-out
                    from: { delta: %s }
                    to:   { kafka: %s }
                    key: [id]
                """.formatted(basic.table(), topic)).toString(), "--once");
        assertEquals(0, r.code(), r.toString());

        // one run per version with events to publish (inserts and update post-images), START then COMPLETE
        Map<Long, Long> eventsPerVersion = new HashMap<>();
        basic.expectedCdf().stream()
                .filter(row -> List.of("insert", "update_postimage")
                        .contains(row.get("_change_type").asText()))
                .forEach(
                        row -> eventsPerVersion.merge(row.get("_commit_version").asLong(), 1L, Long::sum));
        List<Run> runs = runs("lineage-it.customers-out");
        assertEquals(eventsPerVersion.size(), runs.size(), events.toString());
        Map<Long, Long> reported = new HashMap<>();
        for (Run run : runs) {
            assertEquals("COMPLETE", run.end().path("eventType").asText());
            JsonNode input = only(run.end().path("inputs"));
            assertEquals("file", input.path("namespace").asText());
            assertEquals(
                    basic.table().toAbsolutePath().toString(),
                    input.path("name").asText());
            JsonNode output = only(run.end().path("outputs"));
            assertEquals(
                    "kafka://" + kafka.bootstrapServers().split(",")[0],
                    output.path("namespace").asText());
            assertEquals(topic, output.path("name").asText());
            assertEquals(
                    List.of("id", "name", "city", "points"),
                    fieldNames(input.path("facets").path("schema")));
            assertEquals(
                    List.of("id", "name", "city", "points"),
                    fieldNames(output.path("facets").path("schema")));
            assertIdentityLineage(output, input, List.of("id", "name", "city", "points"));
            reported.put(
                    input.path("facets").path("version").path("datasetVersion").asLong(),
                    output.path("outputFacets")
                            .path("outputStatistics")
                            .path("rowCount")
                            .asLong());
        }
        assertEquals(eventsPerVersion, reported, "the rows each version's run says it published");
        assertTrue(authorizations.stream().allMatch(("Bearer " + API_KEY)::equals), authorizations.toString());
        assertFalse(r.err().contains(API_KEY) || r.out().contains(API_KEY), r.toString());
    }

    @Test
    @Order(2)
    void kafkaToDeltaSendsARunPerCommit() throws IOException {
        Path landed = dir.resolve("landed");
        Cli.Result r =
                Cli.run("run", "-c", config("k2d", """
                  - name: customers-in
                    from: { kafka: [%s] }
                    to:
                      delta: %s
                      create: true
                      schema: "id INT NOT NULL, name STRING, city STRING, points BIGINT"
                """.formatted(topic, landed)).toString(), "--once");
        assertEquals(0, r.code(), r.toString());

        List<Run> runs = runs("lineage-it.customers-in");
        assertFalse(runs.isEmpty(), events.toString());
        long rows = 0;
        Set<Long> versions = new HashSet<>();
        for (Run run : runs) {
            assertEquals("COMPLETE", run.end().path("eventType").asText());
            JsonNode input = only(run.end().path("inputs"));
            assertEquals(
                    "kafka://" + kafka.bootstrapServers().split(",")[0],
                    input.path("namespace").asText());
            assertEquals(topic, input.path("name").asText());
            assertEquals(
                    List.of("id", "name", "city", "points"),
                    fieldNames(input.path("facets").path("schema")));
            JsonNode output = only(run.end().path("outputs"));
            assertEquals("file", output.path("namespace").asText());
            assertEquals(landed.toAbsolutePath().toString(), output.path("name").asText());
            List<String> tableColumns = fieldNames(output.path("facets").path("schema"));
            assertTrue(
                    tableColumns.containsAll(List.of("id", "name", "city", "points", "_kafka_topic", "_lineage")),
                    tableColumns.toString());
            // the table's data columns come from the records' fields; the lineage columns from no field
            assertIdentityLineage(output, input, List.of("id", "name", "city", "points"));
            rows += output.path("outputFacets")
                    .path("outputStatistics")
                    .path("rowCount")
                    .asLong();
            versions.add(
                    output.path("facets").path("version").path("datasetVersion").asLong());
        }
        assertEquals(kafka.readAll(topic, Duration.ofSeconds(10)).size(), rows, "rows the runs say they committed");
        assertEquals(runs.size(), versions.size(), "each run names the table version it committed");
    }

    @Test
    @Order(3)
    void aFailedRunEndsWithFailAndTheError() throws IOException {
        String bad = kafka.createUniqueTopic("bad", 1);
        kafka.produce(bad, "k", "this is not JSON");
        Cli.Result r = Cli.run(
                "run",
                "-c",
                config("failing", """
                  - name: strict-in
                    from: { kafka: [%s] }
                    to:
                      delta: %s
                      create: true
                      schema: "id INT NOT NULL"
                    on-error: fail
                """.formatted(bad, dir.resolve("strict"))).toString(),
                "--once");
        assertEquals(3, r.code(), r.toString());

        List<Run> runs = runs("lineage-it.strict-in");
        assertEquals(1, runs.size(), events.toString());
        JsonNode fail = runs.get(0).end();
        assertEquals("FAIL", fail.path("eventType").asText());
        JsonNode error = fail.path("run").path("facets").path("errorMessage");
        assertTrue(error.path("message").asText().contains("cannot be written"), error.toString());
        assertEquals("JAVA", error.path("programmingLanguage").asText());
        assertEquals(bad, only(fail.path("inputs")).path("name").asText());
    }

    @Test
    @Order(4)
    void aReceiverThatRefusesEveryEventDoesNotStopTheData() throws IOException {
        status = 503;
        String target = kafka.createUniqueTopic("refused", 1);
        Cli.Result r = Cli.run(
                "run",
                "-c",
                config("refused", """
                  - name: refused-out
                    from: { delta: %s }
                    to:   { kafka: %s }
                    key: [id]
                """.formatted(basic.table(), target)).toString(),
                "--once");
        status = 201;
        assertEquals(0, r.code(), r.toString());
        long published = basic.expectedCdf().stream()
                .filter(row -> List.of("insert", "update_postimage")
                        .contains(row.get("_change_type").asText()))
                .count();
        assertEquals(published, kafka.readAll(target, Duration.ofSeconds(10)).size(), "every change is published");
        assertFalse(events.isEmpty(), "the events were offered to the receiver");
        assertTrue(
                warnings().stream().anyMatch(w -> w.contains("not delivered") && w.contains("HTTP 503")),
                warnings().toString());
        assertFalse(r.err().contains(API_KEY), r.toString());
    }

    private Path config(String name, String mappings) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), """
                name: lineage-it
                kafka: { bootstrap.servers: %s }
                openlineage:
                  transport: http
                  url: http://127.0.0.1:%d
                  api-key: %s
                mappings:
                %s""".formatted(
                        kafka.bootstrapServers(), receiver.getAddress().getPort(), API_KEY, mappings));
    }

    /** A run as received: its START and the event that ended it. */
    private record Run(JsonNode start, JsonNode end) {}

    /**
     * The runs of a job in the order they started, each event valid against the OpenLineage schemas, each
     * run a START followed by exactly one of COMPLETE, ABORT or FAIL under a fresh UUID version 7.
     */
    private List<Run> runs(String job) {
        Map<String, List<JsonNode>> byRun = new java.util.LinkedHashMap<>();
        for (JsonNode event : events) {
            assertEquals(List.of(), OpenLineageSchemas.violations(event), event.toString());
            assertEquals("lineage-it", event.path("job").path("namespace").asText(), event.toString());
            if (event.path("job").path("name").asText().equals(job)) {
                byRun.computeIfAbsent(event.path("run").path("runId").asText(), id -> new ArrayList<>())
                        .add(event);
            }
        }
        List<Run> runs = new ArrayList<>();
        byRun.forEach((id, list) -> {
            assertEquals(7, UUID.fromString(id).version(), id);
            assertEquals(2, list.size(), list.toString());
            assertEquals("START", list.get(0).path("eventType").asText(), list.toString());
            runs.add(new Run(list.get(0), list.get(1)));
        });
        return runs;
    }

    private static JsonNode only(JsonNode array) {
        assertEquals(1, array.size(), array.toString());
        return array.get(0);
    }

    private static List<String> fieldNames(JsonNode schemaFacet) {
        return StreamSupport.stream(schemaFacet.path("fields").spliterator(), false)
                .map(f -> f.path("name").asText())
                .toList();
    }

    /** Each of {@code columns} of the output comes unchanged from the field of the same name of the input. */
    private static void assertIdentityLineage(JsonNode output, JsonNode input, List<String> columns) {
        JsonNode fields = output.path("facets").path("columnLineage").path("fields");
        assertEquals(new HashSet<>(columns), new HashSet<>(iterable(fields.fieldNames())), fields.toString());
        for (String column : columns) {
            JsonNode from = only(fields.path(column).path("inputFields"));
            assertEquals(
                    input.path("namespace").asText(), from.path("namespace").asText());
            assertEquals(input.path("name").asText(), from.path("name").asText());
            assertEquals(column, from.path("field").asText());
            assertEquals(
                    "IDENTITY",
                    from.path("transformations").get(0).path("subtype").asText());
        }
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
