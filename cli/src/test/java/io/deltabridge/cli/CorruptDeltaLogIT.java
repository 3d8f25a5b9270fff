package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.testkit.DeltaFixtures;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A table whose {@code _delta_log} is damaged or foreign, read by delta → kafka and written by
 * kafka → delta through the CLI: a non-zero exit and a message that names the table and says what
 * is wrong and what to do, never a stack trace or an unexplained exception.
 */
@WithKafkaBroker
class CorruptDeltaLogIT {
    @TempDir
    Path dir;

    enum Damage {
        /** The last commit file cut in the middle of a line (a crash of a writer without atomic puts). */
        TRUNCATED_COMMIT,
        /** A checkpoint of random bytes that {@code _last_checkpoint} points to. */
        GARBAGE_CHECKPOINT,
        /** Data files but no {@code _delta_log}: some other tool's directory. */
        NOT_DELTA,
        /** A {@code _delta_log} whose commit is JSON but no Delta action. */
        FOREIGN_LOG
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void bothDirectionsStopWithAClearErrorAndNoStackTrace(Damage damage, KafkaCluster kafka) throws IOException {
        Path table = damaged(damage);
        String topic = KafkaCluster.uniqueName("corrupt");
        kafka.createTopic(topic, 1);
        kafka.produce(topic, "1", "{\"id\":1,\"name\":\"a\",\"city\":\"b\",\"points\":2}");
        Path config = Files.writeString(
                dir.resolve("bridge.yaml"), """
                name: corrupt
                kafka: { bootstrap.servers: "%s" }
                mappings:
                  - name: out
                    from: { delta: "%s" }
                    to: { kafka: %s-out }
                    key: [id]
                  - name: in
                    from: { kafka: [%s] }
                    to: { delta: "%s", create: true, schema: "id INT NOT NULL, name STRING, city STRING, points BIGINT" }
                """.formatted(kafka.bootstrapServers(), table, topic, topic, table));

        for (String mapping : new String[] {"out", "in"}) {
            Cli.Result r = Cli.run("run", "--once", "-c", config.toString(), "-m", mapping);
            String context = damage + ", mapping " + mapping + "\n" + r;
            assertNotEquals(0, r.code(), context);
            assertFalse(r.err().contains("\tat "), "no stack trace\n" + context);
            assertFalse(
                    r.err().contains("--stacktrace"),
                    "an error the bridge explains, not an unexpected exception\n" + context);
            assertTrue(r.err().contains(table.getFileName().toString()), "names the table\n" + context);
            assertTrue(r.err().contains("Fix:") || r.err().lines().count() == 2, "says what to do\n" + context);
        }
        if (damage == Damage.NOT_DELTA) {
            try (Stream<Path> files = Files.list(table)) {
                assertEquals(2, files.count(), "nothing created in another tool's directory");
            }
        }
    }

    private Path damaged(Damage damage) throws IOException {
        Path table = DeltaFixtures.copy("basic", dir.resolve("fixture")).table();
        Path log = table.resolve("_delta_log");
        Random random = new Random(damage.ordinal());
        switch (damage) {
            case TRUNCATED_COMMIT -> {
                Path last = log.resolve("00000000000000000004.json");
                byte[] bytes = Files.readAllBytes(last);
                Files.write(last, Arrays.copyOf(bytes, bytes.length / 2));
            }
            case GARBAGE_CHECKPOINT -> {
                byte[] garbage = new byte[4096];
                random.nextBytes(garbage);
                Files.write(log.resolve("00000000000000000003.checkpoint.parquet"), garbage);
                Files.writeString(log.resolve("_last_checkpoint"), "{\"version\":3,\"size\":12}");
            }
            case NOT_DELTA -> {
                Path other = Files.createDirectories(dir.resolve("other-tool"));
                byte[] garbage = new byte[1024];
                random.nextBytes(garbage);
                Files.write(other.resolve("part-00000.parquet"), garbage);
                Files.writeString(other.resolve("README.txt"), "written by another tool");
                return other;
            }
            case FOREIGN_LOG -> {
                try (Stream<Path> files = Files.list(log)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.writeString(log.resolve("00000000000000000000.json"), "{\"hello\":\"world\"}\n");
            }
        }
        return table;
    }
}
