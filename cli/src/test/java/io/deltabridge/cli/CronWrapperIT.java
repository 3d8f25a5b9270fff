package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltabridge.embedded.InsightsTable;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cron wrapper {@code bin/bridge-once} as a crontab runs it from the unpacked distribution: it
 * finds the bridge where the tarball puts it, runs {@code run --once}, logs with timestamps and passes
 * the exit code on. The runs also prove the unshaded {@code lib/} class path works in both directions with
 * each jar's own META-INF/services: the two directions' PipelineProvider files (one in delta-to-kafka's jar,
 * one in kafka-to-delta's, which the shaded jar merged into one), Hadoop's FileSystem list, logback's SLF4J
 * provider.
 */
@WithKafkaBroker
class CronWrapperIT {
    private static final int ROWS = 5;
    private static final String TIMESTAMPED_EXIT_0 = "(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ exit 0\\s*";

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final Distribution.Unpacked DIST = new Distribution.Unpacked(Distribution.PRODUCTION);

    @TempDir
    Path dir;

    @Test
    void runsOnceFromTheUnpackedDistribution(KafkaCluster kafka) throws Exception {
        Path config = insightsMapping(dir, kafka, ROWS, "cron");
        String logged = runOnce(config, "insights-out");
        assertTrue(logged.contains("1 commit, " + ROWS + " records"), logged);
        assertTrue(logged.matches(TIMESTAMPED_EXIT_0), logged);
    }

    /**
     * An insights table of {@code rows} rows under {@code dir} and a configuration {@code name}.yaml beside it with one
     * delta → kafka mapping of it, {@code insights-out}, to a new topic.
     */
    static Path insightsMapping(Path dir, KafkaCluster kafka, int rows, String name) throws Exception {
        InsightsTable.create(dir.resolve("insights"), rows);
        return Files.writeString(dir.resolve(name + ".yaml"), """
                name: %s
                kafka:
                  bootstrap.servers: %s
                mappings:
                  - name: insights-out
                    from: { delta: %s }
                    to:   { kafka: %s }
                    key: [customer_id]
                    format: json
                """.formatted(
                        name, kafka.bootstrapServers(), dir.resolve("insights"), kafka.createUniqueTopic(name, 1)));
    }

    /** kafka → delta into a new table, then delta → kafka from it: the records come out as they went in. */
    @Test
    void kafkaToDeltaAndBackFromTheUnpackedDistribution(KafkaCluster kafka) throws Exception {
        String in = kafka.createUniqueTopic("cron-in", 1);
        String out = KafkaCluster.uniqueName("cron-out");
        kafka.createTopic(out, 1);
        List<String> values = IntStream.rangeClosed(1, ROWS)
                .mapToObj(i -> "{\"id\":%d,\"name\":\"row %d\"}".formatted(i, i))
                .toList();
        values.forEach(v -> kafka.produce(in, null, v));
        Path table = dir.resolve("copy");
        Path config = Files.writeString(
                dir.resolve("round-trip.yaml"), """
                name: cron-round-trip
                kafka:
                  bootstrap.servers: %s
                mappings:
                  - name: into-delta
                    from: { kafka: [%s] }
                    to:
                      delta: "%s"
                      create: true
                      schema: "id INT NOT NULL, name STRING"
                      table-properties: { delta.enableChangeDataFeed: "true" }
                  - name: out-of-delta
                    from: { delta: "%s" }
                    to:   { kafka: %s }
                    key: [id]
                    format: json
                """.formatted(kafka.bootstrapServers(), in, table, table, out));

        String intoDelta = runOnce(config, "into-delta");
        assertTrue(intoDelta.matches(TIMESTAMPED_EXIT_0), intoDelta);
        assertTrue(Files.exists(table.resolve("_delta_log/00000000000000000000.json")), intoDelta);
        String outOfDelta = runOnce(config, "out-of-delta");
        assertTrue(outOfDelta.matches(TIMESTAMPED_EXIT_0), outOfDelta);

        List<ConsumedRecord> records = kafka.readUntil(out, ROWS, Duration.ofSeconds(30));
        List<String> published =
                records.stream().map(ConsumedRecord::valueString).toList();
        assertEquals(ROWS, published.size(), published.toString());
        // the table's columns as they went in; the bridge's own (_kafka_topic, _kafka_offset, ...) came along
        assertEquals(columns(values, "id", "name"), columns(published, "id", "name"), outOfDelta);
        assertEquals(
                Set.of(in),
                columns(published, "_kafka_topic").stream()
                        .map(r -> r.get("_kafka_topic").asText())
                        .collect(Collectors.toSet()));
    }

    /** The JSON objects {@code values}, each with only {@code fields}. */
    private static Set<JsonNode> columns(List<String> values, String... fields) throws IOException {
        Set<JsonNode> rows = new HashSet<>();
        for (String value : values) {
            rows.add(((ObjectNode) JSON.readTree(value)).retain(fields));
        }
        return rows;
    }

    /** {@code bin/bridge-once config -m mapping} as cron runs it: exit 0 expected; returns its log. */
    private String runOnce(Path config, String mapping) throws Exception {
        Path log = dir.resolve("log/" + mapping + ".log");
        ProcessBuilder wrapper = new ProcessBuilder(
                        List.of(DIST.home().resolve("bin/bridge-once").toString(), config.toString(), "-m", mapping))
                .redirectErrorStream(true);
        wrapper.environment()
                .putAll(Map.of(
                        "BRIDGE_LOG",
                        log.toString(),
                        "JAVA_HOME",
                        System.getProperty("java.home"),
                        "TMPDIR",
                        dir.toString(),
                        "XDG_CACHE_HOME",
                        dir.resolve("cache").toString()));
        Process process = wrapper.start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "wrapper ended");
        String logged = Files.readString(log);
        assertEquals(0, process.exitValue(), printed + logged);
        return logged;
    }
}
