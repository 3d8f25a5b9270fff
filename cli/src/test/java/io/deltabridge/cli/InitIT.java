package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridge init} writes a file that {@code validate} accepts and {@code run} runs, for a table and for a topic. */
@WithKafkaBroker
class InitIT {
    @TempDir
    Path dir;

    @Test
    void aTableGetsAMappingThatPublishesItsChangeFeed(KafkaCluster kafka) throws Exception {
        DeltaFixture basic = DeltaFixtures.copy("basic", dir.resolve("fixture"));
        Path file = dir.resolve("from-table.yaml");

        Cli.Result init = Cli.run(
                "init",
                "--from-delta",
                basic.table().toString(),
                "-o",
                file.toString(),
                "--bootstrap-servers",
                kafka.bootstrapServers());

        assertEquals(0, init.code(), init.toString());
        String text = Files.readString(file);
        assertTrue(text.contains("key: [\"id\"]") && text.contains("#   id INT"), text);
        Matcher names = Pattern.compile("- name: (\\S+)\n.*\n    to: \\{ kafka: (\\S+) }")
                .matcher(text);
        assertTrue(names.find(), text);
        String mapping = names.group(1);
        String topic = names.group(2);
        kafka.createTopic(topic, 1);
        Cli.Result validate = Cli.run("validate", "-c", file.toString());
        assertEquals(0, validate.code(), validate + "\n" + text);
        Cli.Result run = Cli.run("run", "-c", file.toString(), "--once");
        assertEquals(0, run.code(), run.toString());
        long expected = basic.expectedCdf().stream()
                .filter(row -> List.of("insert", "update_postimage")
                        .contains(row.get("_change_type").asText()))
                .count();
        assertEquals(expected, kafka.readAll(topic, Duration.ofSeconds(30)).size(), run.toString());
        assertTrue(run.out().contains(mapping + ": "), run.toString());
    }

    @Test
    void aTopicOfJsonRowsGetsAMappingWithTheirColumns(KafkaCluster kafka) throws Exception {
        String topic = kafka.createUniqueTopic("init-rows", 1);
        kafka.produce(
                List.of(
                        record(
                                topic,
                                "{\"id\": 1}",
                                "{\"id\": 1, \"name\": \"a\", \"score\": 3, \"tags\": [\"x\"], \"address\": {\"city\": \"Oslo\"}}"),
                        record(
                                topic,
                                "{\"id\": 2}",
                                "{\"id\": 2, \"name\": null, \"score\": 2.5, \"tags\": [], \"address\": {\"zip\": \"0150\"}}")));
        Path file = dir.resolve("from-topic.yaml");

        Cli.Result init = Cli.run(
                "init",
                "--from-kafka",
                topic,
                "-o",
                file.toString(),
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--to-delta",
                dir.resolve("landed").toString());

        assertEquals(0, init.code(), init.toString());
        String text = Files.readString(file);
        assertTrue(
                text.contains(
                        "schema: \"id BIGINT, name STRING, score DOUBLE, tags ARRAY<STRING>, address STRUCT<city: STRING, zip: STRING>\""),
                text);
        assertTrue(text.contains("# key: [\"id\"]"), text);
        kafka.createTopic(topic + "-dlq", 1);
        Cli.Result run = Cli.run("run", "-c", file.toString(), "--once");
        assertEquals(0, run.code(), run + "\n" + text);
        assertTrue(run.out().contains("1 commit, 2 records"), run + "\n" + text);
    }

    @Test
    void debeziumEventsGetAnUpsertMappingKeyedLikeTheirRecords(KafkaCluster kafka) throws Exception {
        String topic = kafka.createUniqueTopic("init-cdc", 1);
        kafka.produce(
                List.of(
                        record(
                                topic,
                                "{\"schema\": {}, \"payload\": {\"member_id\": 7}}",
                                "{\"schema\": {}, \"payload\": {\"op\": \"c\", \"before\": null, \"after\": {\"member_id\": 7, \"tier\": \"gold\"}}}")));

        Cli.Result init = Cli.run("init", "--from-kafka", topic, "--bootstrap-servers", kafka.bootstrapServers());

        assertEquals(0, init.code(), init.toString());
        assertTrue(init.out().contains("mode: upsert\n    envelope: debezium\n    key: [\"member_id\"]"), init.out());
        assertTrue(init.out().contains("schema: \"member_id BIGINT, tier STRING\""), init.out());
    }

    @Test
    void refusesWhatItCannotDo(KafkaCluster kafka) throws Exception {
        Path existing = Files.writeString(dir.resolve("existing.yaml"), "name: keep-me\n");
        DeltaFixture basic = DeltaFixtures.copy("basic", dir.resolve("refusals"));

        Cli.Result overwrite = Cli.run("init", "--from-delta", basic.table().toString(), "-o", existing.toString());
        assertEquals(2, overwrite.code(), overwrite.toString());
        assertTrue(overwrite.err().contains("already exists"), overwrite.toString());
        assertEquals("name: keep-me\n", Files.readString(existing));

        Cli.Result noTable =
                Cli.run("init", "--from-delta", dir.resolve("nothing-here").toString());
        assertEquals(2, noTable.code(), noTable.toString());
        assertTrue(noTable.err().contains("Delta table not found"), noTable.toString());

        Cli.Result both = Cli.run("init", "--from-delta", "a", "--from-kafka", "b");
        assertEquals(2, both.code(), both.toString());

        Cli.Result noTopic =
                Cli.run("init", "--from-kafka", "no-such-topic", "--bootstrap-servers", kafka.bootstrapServers());
        assertEquals(2, noTopic.code(), noTopic.toString());
        assertTrue(noTopic.err().contains("Topic 'no-such-topic' does not exist"), noTopic.toString());
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, String value) {
        return new ProducerRecord<>(
                topic, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }
}
