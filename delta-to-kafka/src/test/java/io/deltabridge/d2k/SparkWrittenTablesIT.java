package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltabridge.core.config.ChangeKind;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regressions found by the Spark interop tests (interop-tests, issue 9), on small tables Spark wrote
 * ({@code src/test/resources/spark-tables/<name>/}: {@code table/}, {@code scenario.json} with the version a mapping
 * starts at and, where Spark refuses to read from there, the version it reads again from, and
 * {@code expected-events.jsonl}: Spark's {@code table_changes} from that version as events of envelope row).
 * interop-tests' {@code RegressionTablesIT} wrote them and checks that Spark still reads them so.
 */
class SparkWrittenTablesIT extends DeltaToKafkaITSupport {

    @ParameterizedTest
    @ValueSource(strings = {"nested_fields_added", "column_renamed", "column_dropped", "type_widened"})
    void publishesWhatSparkReadsAndRefusesWhatSparkRefuses(String name) throws Exception {
        Path table = copy(name);
        JsonNode scenario = JSON.readTree(Files.readString(resource(name).resolve("scenario.json")));
        long start = scenario.get("start").asLong();
        JsonNode restart = scenario.get("restart");
        String topic = kafka.createUniqueTopic(name, 2);
        if (!restart.isNull()) {
            DataException e = assertThrows(DataException.class, () -> runOnce(table, topic, start, false));
            assertTrue(e.getMessage().contains("starting-version: " + restart.asLong()), e.getMessage());
            assertEquals(0, kafka.readAll(topic, TIMEOUT).size(), "nothing published before the refusal");
        }
        runOnce(table, topic, restart.isNull() ? start : restart.asLong(), !restart.isNull());

        List<String> expected = new ArrayList<>(Files.readAllLines(resource(name).resolve("expected-events.jsonl")).stream()
                .filter(l -> !l.isBlank()).map(l -> canonical(l)).toList());
        List<String> actual = new ArrayList<>();
        for (ConsumedRecord r : readAll(topic, expected.size())) {
            actual.add(canonical("{\"version\":" + r.headerString("deltabridge.version") + ",\"type\":\""
                    + r.headerString("deltabridge.change.type") + "\",\"key\":" + r.keyString() + ",\"value\":"
                    + (r.isTombstone() ? "null" : r.valueString()) + "}"));
        }
        expected.sort(null);
        actual.sort(null);
        assertEquals(expected, actual);
    }

    private static void runOnce(Path table, String topic, long startingVersion, boolean reset) {
        try (DeltaToKafkaPipeline p = DeltaToKafka.builder().bridgeName("it").mappingName(topic).table(table.toString())
                .topic(topic).key("id").changes(ChangeKind.values()).kafka(settings())
                .startingVersion(new StartingVersion.AtVersion(startingVersion)).resetProgress(reset).build()) {
            p.runOnce();
        }
    }

    /** JSON text with object fields in name order (Jackson sorts them when writing a tree through this mapper). */
    private static String canonical(String json) {
        try {
            return SORTED.writeValueAsString(SORTED.treeToValue(JSON.readTree(json), Object.class));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper SORTED = com.fasterxml.jackson.databind.json.JsonMapper
            .builder().enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SparkWrittenTablesIT.class.getResource("/spark-tables/" + name + "/scenario.json").toURI()).getParent();
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
