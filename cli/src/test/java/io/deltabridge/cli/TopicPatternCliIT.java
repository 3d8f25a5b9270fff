package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code from: {kafka-pattern}} through the CLI: validate prints it and its plan, {@code run --once} reads the matching topics. */
@WithKafkaBroker
class TopicPatternCliIT {

    @Test
    void validateAndRunOnceReadEveryMatchingTopic(KafkaCluster kafka, @TempDir Path dir) throws IOException {
        String base = topics(kafka, "clipattern");
        String a = base + ".a";
        String b = base + ".b";
        Path config = config(kafka, base, dir, dir.resolve("t").toString());

        Cli.Result validate = Cli.run("validate", "-c", config.toString());
        assertEquals(0, validate.code(), validate.toString());
        assertTrue(validate.out().contains("kafka-pattern: '" + base + "\\..*'"), validate.toString());
        assertTrue(validate.out().contains("topic " + a + ": 2 partitions"), validate.toString());
        assertTrue(validate.out().contains("topic " + b + ": 1 partitions"), validate.toString());
        assertTrue(!validate.out().contains(base + "-other"), validate.toString());

        Cli.Result run = Cli.run("run", "-c", config.toString(), "--once");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("in: 1 commit, 10 records"), run.toString());
        Cli.Result again = Cli.run("run", "-c", config.toString(), "--once");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("in: 0 commits, 0 records"), again.toString());

        Path both = Files.writeString(
                dir.resolve("both.yaml"),
                Files.readString(config)
                        .replace("from: { kafka-pattern:", "from: { kafka: [" + a + "], kafka-pattern:"));
        Cli.Result refused = Cli.run("validate", "-c", both.toString());
        assertEquals(2, refused.code(), refused.toString());
        assertTrue(refused.err().contains("`from` names both `kafka` and `kafka-pattern`"), refused.toString());
    }

    @Test
    void aTopicPlaceholderWritesEachTopicToItsOwnTable(KafkaCluster kafka, @TempDir Path dir) throws IOException {
        String base = topics(kafka, "clitables");
        String a = base + ".a";
        String b = base + ".b";
        Path config = config(kafka, base, dir, dir.resolve("lake") + "/{topic}");

        Cli.Result validate = Cli.run("validate", "-c", config.toString());
        assertEquals(0, validate.code(), validate.toString());
        String lake = "file:" + dir.resolve("lake");
        assertTrue(
                validate.out().contains("topic " + a + " → table " + lake + "/" + a + " (mapping in/" + a + ")"),
                validate.toString());
        assertTrue(
                validate.out().contains("topic " + b + " → table " + lake + "/" + b + " (mapping in/" + b + ")"),
                validate.toString());
        assertTrue(!validate.out().contains(base + "-other"), validate.toString());

        Cli.Result run = Cli.run("run", "-c", config.toString(), "--once");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("in: 2 commits, 10 records"), run.toString());
        assertTrue(Files.isDirectory(dir.resolve("lake").resolve(a).resolve("_delta_log")), run.toString());
        assertTrue(Files.isDirectory(dir.resolve("lake").resolve(b).resolve("_delta_log")), run.toString());
        Cli.Result again = Cli.run("run", "-c", config.toString(), "--once");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("in: 0 commits, 0 records"), again.toString());
        Cli.Result status = Cli.run("status", "-c", config.toString());
        assertEquals(0, status.code(), status.toString());
        assertTrue(status.out().contains(a + "-1"), status.toString());
        assertTrue(status.out().contains(b + "-0"), status.toString());

        Cli.Result schema = Cli.run("schema", "-c", config.toString(), "-m", "in");
        assertEquals(0, schema.code(), schema.toString());
        assertTrue(schema.out().contains("Delta schema of " + dir.resolve("lake") + "/{topic}:"), schema.toString());

        Path listed = Files.writeString(
                dir.resolve("listed.yaml"),
                Files.readString(config).replace("kafka-pattern: \"" + base + "\\\\..*\"", "kafka: [" + a + "]"));
        Cli.Result refused = Cli.run("validate", "-c", listed.toString());
        assertEquals(2, refused.code(), refused.toString());
        assertTrue(
                refused.err()
                        .contains("`to.delta` of mapping `in` has `{topic}` but the mapping reads no `kafka-pattern`"),
                refused.toString());
    }

    /** Topics {@code <base>.a} (2 partitions, 6 records), {@code <base>.b} (1, 4) and {@code <base>-other} (1, 3); the base. */
    private static String topics(KafkaCluster kafka, String prefix) {
        String base = KafkaCluster.uniqueName(prefix).replace("-", "");
        kafka.createTopic(base + ".a", 2);
        kafka.createTopic(base + ".b", 1);
        kafka.createTopic(base + "-other", 1);
        produce(kafka, base + ".a", 0, 6);
        produce(kafka, base + ".b", 6, 10);
        produce(kafka, base + "-other", 100, 103);
        return base;
    }

    /** A mapping file reading the topics {@code <base>.*} into {@code table}. */
    private static Path config(KafkaCluster kafka, String base, Path dir, String table) throws IOException {
        return Files.writeString(dir.resolve("bridge.yaml"), """
                name: cli-pattern
                kafka: { bootstrap.servers: "%s" }
                mappings:
                  - name: in
                    from: { kafka-pattern: "%s\\\\..*" }
                    to: { delta: "%s", create: true, schema: "id BIGINT NOT NULL" }
                """.formatted(kafka.bootstrapServers(), base, table));
    }

    private static void produce(KafkaCluster kafka, String topic, int from, int to) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(new ProducerRecord<>(topic, ("{\"id\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        kafka.produce(records);
    }
}
