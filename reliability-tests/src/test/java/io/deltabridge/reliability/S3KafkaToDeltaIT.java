package io.deltabridge.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.testkit.CliProcess;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.S3Server;
import io.deltabridge.testkit.S3ServerExtension;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * kafka → delta on an {@code s3a://} table of a real S3 API server ({@link S3Server}), run as users run
 * it: the {@code bridge} CLI in a child JVM with the S3 connector next to {@code bridge.jar}.
 */
@WithKafkaBroker
@ExtendWith(S3ServerExtension.class)
class S3KafkaToDeltaIT {
    private static final Duration RUN = Duration.ofMinutes(3);

    /** Following docs/cli.md (hadoop-aws + the AWS SDK bundle, nothing else) once exited 0 having written nothing. */
    @Test
    void aConnectorMissingAClassFailsTheRunInsteadOfExitingZero(KafkaCluster kafka, S3Server s3, @TempDir Path dir)
            throws Exception {
        String topic = kafka.createUniqueTopic("s3-incomplete", 1);
        TopicWorkload records = new TopicWorkload(kafka, topic, new Random(16));
        records.produceChunk();
        Path config = writeConfig(dir, kafka, s3, topic, kafka.createUniqueTopic("s3-incomplete-dlq", 1), "incomplete");
        try (CliProcess run = bridge(System.getProperty("deltabridge.s3.connector"), "run", "-c", config.toString(), "--once")) {
            int exit = run.awaitExit(RUN);
            assertNotEquals(0, exit, "a run that wrote nothing exited 0:\n" + run.output());
            assertTrue(run.output().contains("bin/bridge-plugins install s3"), "the fix is named:\n" + run.output());
        }
    }

    @Test
    void oneWriterLandsEveryRecordExactlyOnce(KafkaCluster kafka, S3Server s3, @TempDir Path dir) throws Exception {
        String topic = kafka.createUniqueTopic("s3-one", 2);
        TopicWorkload records = new TopicWorkload(kafka, topic, new Random(16));
        for (int chunk = 0; chunk < 2; chunk++) {
            records.produceChunk();
        }
        Path config = writeConfig(dir, kafka, s3, topic, kafka.createUniqueTopic("s3-one-dlq", 1), "one");
        try (CliProcess run = bridge(s3ClassPath(), "run", "-c", config.toString(), "--once")) {
            assertEquals(0, run.awaitExit(RUN), run.output());
        }
        LandedRows.read(s3.uri("one"), s3.s3aSettings()).assertEveryIdOnce(records.goodRecords());
    }

    static String s3ClassPath() {
        return System.getProperty("deltabridge.s3.connector") + File.pathSeparator + System.getProperty("deltabridge.s3.extra");
    }

    private static CliProcess bridge(String plugins, String... args) {
        return CliProcess.startOnClassPath(System.getProperty(CliProcess.CLASSPATH_PROPERTY) + File.pathSeparator + plugins,
                List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), Map.of(), args);
    }

    static Path writeConfig(Path dir, KafkaCluster kafka, S3Server s3, String topic, String deadLetters, String table)
            throws IOException {
        String storage = s3.s3aSettings().entrySet().stream()
                .map(e -> "  " + e.getKey() + ": \"" + e.getValue() + "\"").collect(Collectors.joining("\n"));
        return Files.writeString(dir.resolve(table + ".yaml"), """
                name: s3-k2d
                kafka:
                  bootstrap.servers: "%s"
                  session.timeout.ms: "6000"
                  heartbeat.interval.ms: "1000"
                delta:
                %s
                mappings:
                  - name: landing
                    from: { kafka: [%s] }
                    to:
                      delta: "%s"
                      create: true
                      schema: "id BIGINT NOT NULL, name STRING"
                    format: json
                    dead-letter-topic: %s
                    flush: { max-records: 500, max-interval: 1s }
                """.formatted(kafka.bootstrapServers(), storage, topic, s3.uri(table), deadLetters));
    }
}
