package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.StartingVersion;
import io.deltabridge.core.error.DataException;
import io.deltabridge.testkit.ConsumedRecord;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regressions found by the Spark interop tests (interop-tests, issue 9), on small tables Spark wrote
 * ({@code src/test/resources/spark-tables/<name>/}: {@code table/}, {@code scenario.json} with the version a mapping
 * starts at and, where Spark refuses to read from there, the version it reads again from, and
 * {@code expected-events.jsonl}: Spark's {@code table_changes} from that version as events of envelope row;
 * {@code expected-before.jsonl}: its update pre-images, the Debezium {@code before} of each update).
 * interop-tests' {@code RegressionTablesIT} wrote them and checks that Spark still reads them so.
 */
class SparkWrittenTablesIT extends DeltaToKafkaITSupport {

    @ParameterizedTest
    @ValueSource(
            strings = {"nested_fields_added", "column_renamed", "column_dropped", "type_widened", "partition_moved"})
    void publishesWhatSparkReadsAndRefusesWhatSparkRefuses(String name) throws Exception {
        Path table = copy(name);
        JsonNode scenario = JSON.readTree(Files.readString(resource(name).resolve("scenario.json")));
        long start = scenario.get("start").asLong();
        JsonNode restart = scenario.get("restart");
        String topic = kafka.createUniqueTopic(name, 2);
        if (!restart.isNull()) {
            DataException e =
                    assertThrows(DataException.class, () -> runOnce(table, topic, start, false, Envelope.ROW));
            assertTrue(e.getMessage().contains("starting-version: " + restart.asLong()), e.getMessage());
            assertEquals(0, kafka.readAll(topic, TIMEOUT).size(), "nothing published before the refusal");
        }
        runOnce(table, topic, restart.isNull() ? start : restart.asLong(), !restart.isNull(), Envelope.ROW);

        List<String> expected = expected(name, "expected-events.jsonl");
        List<String> actual = new ArrayList<>();
        for (ConsumedRecord r : readAll(topic, expected.size())) {
            actual.add(canonical("{\"version\":" + r.headerString("deltabridge.version") + ",\"type\":\""
                    + r.headerString("deltabridge.change.type") + "\",\"key\":" + r.keyString() + ",\"value\":"
                    + (r.isTombstone() ? "null" : r.valueString()) + "}"));
        }
        actual.sort(null);
        assertEquals(expected, actual);
    }

    /** Pre-images and post-images of a row moved to another partition sit in different cdc files (partition_moved). */
    @ParameterizedTest
    @ValueSource(strings = {"nested_fields_added", "column_renamed", "type_widened", "partition_moved"})
    void everyDebeziumUpdateCarriesSparksPreImageAsBefore(String name) throws Exception {
        Path table = copy(name);
        JsonNode scenario = JSON.readTree(Files.readString(resource(name).resolve("scenario.json")));
        JsonNode restart = scenario.get("restart");
        String topic = kafka.createUniqueTopic(name + "-debezium", 2);
        runOnce(
                table,
                topic,
                restart.isNull() ? scenario.get("start").asLong() : restart.asLong(),
                false,
                Envelope.DEBEZIUM);

        List<String> expected = expected(name, "expected-before.jsonl");
        assertFalse(expected.isEmpty(), name + " has updates");
        assertEquals(expected, publishedBefores(topic, name));
    }

    /** With no heap for pre-images, a version's pre-images are paired from the temporary file they go to. */
    @Test
    void preImagesPastTheHeapBudgetArePairedFromTheirFile() throws Exception {
        String name = "partition_moved";
        Path table = copy(name);
        String topic = kafka.createUniqueTopic(name + "-spilled", 2);
        System.setProperty(VersionPreImages.BODIES_BUDGET_PROPERTY, "0");
        try {
            runOnce(table, topic, 0, false, Envelope.DEBEZIUM);
        } finally {
            System.clearProperty(VersionPreImages.BODIES_BUDGET_PROPERTY);
        }
        assertEquals(expected(name, "expected-before.jsonl"), publishedBefores(topic, name));
    }

    /**
     * Events are committed one by one and every run crashes after two sends (an event and its progress record): each run
     * resumes after the last event, also in the middle of a version (post-image of id 8 after the one of id 7, both
     * before their pre-images).
     */
    @Test
    void aSplitVersionResumedInTheMiddleStillPairsItsPostImagesWithTheirPreImages() throws Exception {
        String name = "partition_moved";
        Path table = copy(name);
        String topic = kafka.createUniqueTopic(name + "-resumed", 2);
        int crashes = CrashingClients.runUntilDone(
                run -> 2,
                clients -> builder(table, topic, 0, false, Envelope.DEBEZIUM)
                        .kafkaClients(clients)
                        .maxRecordsPerTransaction(1)
                        .build());
        assertTrue(crashes >= 3, "crashed " + crashes + " times");
        List<String> expected = expected(name, "expected-before.jsonl");
        assertFalse(expected.isEmpty(), name + " has updates");
        assertEquals(expected, publishedBefores(topic, name));
    }

    /** The {@code before} of each Debezium update on {@code topic}, as the lines of {@code expected-before.jsonl}. */
    private static List<String> publishedBefores(String topic, String name) throws Exception {
        List<String> rowEvents = expected(name, "expected-events.jsonl");
        long deletes = rowEvents.stream()
                .filter(l -> l.contains("\"type\":\"delete\""))
                .count();
        List<ConsumedRecord> records = readAll(topic, rowEvents.size() + (int) deletes);
        assertEquals(rowEvents.size() + deletes, records.size(), "every event once");
        List<String> befores = new ArrayList<>();
        for (ConsumedRecord r : records) {
            JsonNode value = r.isTombstone() ? null : JSON.readTree(r.valueString());
            if (value != null && value.get("op").asText().equals("u")) {
                befores.add(canonical("{\"version\":" + r.headerString("deltabridge.version")
                        + ",\"type\":\"update_preimage\",\"key\":" + r.keyString() + ",\"before\":"
                        + value.get("before") + "}"));
            }
        }
        befores.sort(null);
        return befores;
    }

    /** The lines of a table's expected file, canonical and sorted. */
    private static List<String> expected(String name, String file) throws IOException, URISyntaxException {
        return Files.readAllLines(resource(name).resolve(file)).stream()
                .filter(l -> !l.isBlank())
                .map(SparkWrittenTablesIT::canonical)
                .sorted()
                .toList();
    }

    private static void runOnce(Path table, String topic, long startingVersion, boolean reset, Envelope envelope) {
        try (DeltaToKafkaPipeline p =
                builder(table, topic, startingVersion, reset, envelope).build()) {
            p.runOnce();
        }
    }

    private static DeltaToKafka.Builder builder(
            Path table, String topic, long startingVersion, boolean reset, Envelope envelope) {
        return DeltaToKafka.builder()
                .bridgeName("it")
                .mappingName(topic)
                .table(table.toString())
                .topic(topic)
                .key("id")
                .changes(ChangeKind.values())
                .envelope(envelope)
                .kafka(settings())
                .startingVersion(new StartingVersion.AtVersion(startingVersion))
                .resetProgress(reset);
    }

    /** JSON text with object fields in name order (Jackson sorts them when writing a tree through this mapper). */
    private static String canonical(String json) {
        try {
            return SORTED.writeValueAsString(SORTED.treeToValue(JSON.readTree(json), Object.class));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper SORTED =
            com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .build();

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SparkWrittenTablesIT.class
                        .getResource("/spark-tables/" + name + "/scenario.json")
                        .toURI())
                .getParent();
    }

    private static Path copy(String name) throws IOException, URISyntaxException {
        Path source = resource(name).resolve("table");
        Path target = tmp.resolve(name + "-" + SEQ.incrementAndGet());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
        return target;
    }
}
