package io.deltabridge.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.Operation;
import io.delta.kernel.Table;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.utils.CloseableIterable;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.testkit.CliProcess;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.S3Server;
import io.deltabridge.testkit.S3ServerExtension;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
    /** Runs the tests with another log store for s3a:// (the mapping file's io.delta.kernel.logStore.s3a.impl). */
    static final String LOG_STORE_PROPERTY = "deltabridge.test.s3a.logstore";

    /**
     * docs/cli.md used to list hadoop-aws and the AWS SDK bundle only: with hadoop-aws 3.4.3 a class of
     * analyticsaccelerator-s3 is missing, and the run stopped (exit 1) telling the user to give it more memory.
     */
    @Test
    void anIncompleteConnectorSetStopsTheRunAndNamesTheInstallCommand(
            KafkaCluster kafka, S3Server s3, @TempDir Path dir) throws Exception {
        String topic = kafka.createUniqueTopic("s3-incomplete", 1);
        produce(kafka, topic, 1_000);
        Path config = writeConfig(dir, kafka, s3, topic, kafka.createUniqueTopic("s3-incomplete-dlq", 1), "incomplete");
        try (CliProcess run =
                bridge(System.getProperty("deltabridge.s3.connector"), "run", "-c", config.toString(), "--once")) {
            int exit = run.awaitExit(RUN);
            assertNotEquals(0, exit, run.output());
            assertTrue(run.output().contains("bin/bridge-plugins install s3"), "the fix is named:\n" + run.output());
        }
    }

    @Test
    void oneWriterLandsEveryRecordExactlyOnce(KafkaCluster kafka, S3Server s3, @TempDir Path dir) throws Exception {
        String topic = kafka.createUniqueTopic("s3-one", 2);
        long records = produce(kafka, topic, 3_000);
        Path config = writeConfig(dir, kafka, s3, topic, kafka.createUniqueTopic("s3-one-dlq", 1), "one");
        try (CliProcess run = bridge(s3ClassPath(), "run", "-c", config.toString(), "--once")) {
            assertEquals(0, run.awaitExit(RUN), run.output());
        }
        LandedRows.read(s3.uri("one"), s3.s3aSettings()).assertEveryIdOnce(records);
    }

    /**
     * Three instances of one mapping (one consumer group, {@code --once}, 500-record flushes) commit to one
     * table at once: the conditional-write store must leave every record exactly once. With
     * {@code -D}{@value #LOG_STORE_PROPERTY}{@code =io.delta.storage.S3SingleDriverLogStore} (Kernel's default
     * for S3 before) the same test fails: the mapping is refused (exit 2) unless it declares
     * {@code single-writer: true}; declared, commits replace each other, records are lost and duplicated.
     */
    @Test
    void threeConcurrentWritersLoseAndDuplicateNothing(KafkaCluster kafka, S3Server s3, @TempDir Path dir)
            throws Exception {
        String topic = kafka.createUniqueTopic("s3-three", 3);
        long records = produce(kafka, topic, 15_000);
        Path config = writeConfig(dir, kafka, s3, topic, kafka.createUniqueTopic("s3-three-dlq", 1), "three");
        List<CliProcess> writers = List.of(
                bridge(s3ClassPath(), "run", "-c", config.toString(), "--once"),
                bridge(s3ClassPath(), "run", "-c", config.toString(), "--once"),
                bridge(s3ClassPath(), "run", "-c", config.toString(), "--once"));
        try {
            for (CliProcess w : writers) {
                assertEquals(0, w.awaitExit(RUN), w.output());
            }
        } finally {
            writers.forEach(CliProcess::close);
        }
        // what a rebalance left to another instance's offsets: a last run takes it
        try (CliProcess last = bridge(s3ClassPath(), "run", "-c", config.toString(), "--once")) {
            assertEquals(0, last.awaitExit(RUN), last.output());
        }
        long landed = LandedRows.read(s3.uri("three"), s3.s3aSettings()).assertEveryIdOnce(records);
        System.out.printf("three writers on s3a://: %d records each exactly once%n", landed);
    }

    /**
     * A log store that keeps no second writer out (here Kernel's S3SingleDriverLogStore, what a user sets for
     * an S3-compatible store without conditional writes) is refused for kafka → delta, by validate and by run,
     * with the mapping file's location and the fix; with {@code single-writer: true} the mapping runs, and
     * validate and the log say which store commits and what it guarantees.
     */
    @Test
    void aStoreWithoutExclusionTakesOnlyADeclaredSingleWriter(KafkaCluster kafka, S3Server s3, @TempDir Path dir)
            throws Exception {
        String topic = kafka.createUniqueTopic("s3-single", 1);
        long records = produce(kafka, topic, 1_000);
        Path safe = writeConfig(dir, kafka, s3, topic, kafka.createUniqueTopic("s3-single-dlq", 1), "single");
        try (CliProcess validate = bridge(s3ClassPath(), "validate", "-c", safe.toString())) {
            assertEquals(0, validate.awaitExit(RUN), validate.output());
            assertTrue(
                    validate.output().contains("log store S3ConditionalLogStore: commits are conditional PUTs"),
                    validate.output());
        }
        Path unsafe = Files.writeString(
                dir.resolve("unsafe.yaml"),
                Files.readString(safe)
                        .replace(
                                "delta:\n",
                                "delta:\n  io.delta.kernel.logStore.s3a.impl: \"io.delta.storage.S3SingleDriverLogStore\"\n"));
        for (List<String> command : List.of(
                List.of("validate", "-c", unsafe.toString()), List.of("run", "-c", unsafe.toString(), "--once"))) {
            try (CliProcess refused = bridge(s3ClassPath(), command.toArray(String[]::new))) {
                assertEquals(2, refused.awaitExit(RUN), refused.output());
                assertTrue(
                        refused.output().contains("unsafe.yaml:")
                                && refused.output().contains("(mappings[0].to.delta)")
                                && refused.output().contains("keeps no second writer out")
                                && refused.output().contains("`single-writer: true`"),
                        command + ":\n" + refused.output());
            }
        }
        assertFalse(exists(s3, "single"), "a refused run writes nothing");

        Path declared =
                Files.writeString(dir.resolve("declared.yaml"), Files.readString(unsafe) + "    single-writer: true\n");
        try (CliProcess validate = bridge(s3ClassPath(), "validate", "-c", declared.toString())) {
            assertEquals(0, validate.awaitExit(RUN), validate.output());
            assertTrue(
                    validate.output()
                            .contains(
                                    "log store S3SingleDriverLogStore: does not keep writers of different processes apart"),
                    validate.output());
        }
        try (CliProcess run = bridge(s3ClassPath(), "run", "-c", declared.toString(), "--once")) {
            assertEquals(0, run.awaitExit(RUN), run.output());
            assertTrue(
                    run.output().contains("Mapping 'landing' commits through the log store S3SingleDriverLogStore"),
                    run.output());
        }
        LandedRows.read(s3.uri("single"), s3.s3aSettings()).assertEveryIdOnce(records);
    }

    /**
     * Both directions on one s3a:// table: kafka → delta writes it (change feed on, 12 commits: a
     * checkpoint at version 10), delta → kafka publishes its change feed as one event per record.
     */
    @Test
    void roundTripThroughAnS3TableWithACheckpoint(KafkaCluster kafka, S3Server s3, @TempDir Path dir) throws Exception {
        String in = kafka.createUniqueTopic("s3-in", 1);
        String out = kafka.createUniqueTopic("s3-out", 1);
        long records = produce(kafka, in, 6_000);
        Path landing = landWithChangeFeed(dir, kafka, s3, in, "round");
        assertEquals(
                records,
                publish(dir, landing, kafka, s3, "round", out).stream()
                        .map(r -> r.keyString())
                        .distinct()
                        .count());
        assertTrue(
                exists(s3, "round/_delta_log/00000000000000000010.checkpoint.parquet"),
                "Kernel's checkpoint at version 10 on S3");
    }

    /**
     * A log compaction file ({@code _delta_log/0.N.compacted.json}, written by Kernel as a writer with a
     * log compaction interval does) covering every commit of the table: delta → kafka still publishes
     * one event per record, none twice.
     */
    @Test
    void aTableWithALogCompactionFileIsPublishedWhole(KafkaCluster kafka, S3Server s3, @TempDir Path dir)
            throws Exception {
        String in = kafka.createUniqueTopic("s3-compacted-in", 1);
        String out = kafka.createUniqueTopic("s3-compacted-out", 1);
        long records = produce(kafka, in, 2_000);
        Path landing = landWithChangeFeed(dir, kafka, s3, in, "compacted");
        Engine engine = DeltaEngines.create(s3.s3aSettings());
        Table table = Table.forPath(engine, s3.uri("compacted"));
        long last = table.getLatestSnapshot(engine).getVersion();
        // one more commit whose hook compacts versions 0 .. last + 1 (Kernel compacts when (version + 1) % interval ==
        // 0)
        TransactionCommitResult committed = table.createTransactionBuilder(engine, "deltabridge-test", Operation.WRITE)
                .withLogCompactionInverval((int) last + 2)
                .build(engine)
                .commit(engine, CloseableIterable.emptyIterable());
        for (PostCommitHook hook : committed.getPostCommitHooks()) {
            hook.threadSafeInvoke(engine);
        }
        String compaction = "compacted/_delta_log/%020d.%020d.compacted.json".formatted(0, committed.getVersion());
        assertTrue(exists(s3, compaction), "Kernel wrote " + compaction);

        List<ConsumedRecord> events = publish(dir, landing, kafka, s3, "compacted", out);
        assertEquals(records, events.size(), "one event per record");
        assertEquals(records, events.stream().map(r -> r.keyString()).distinct().count());
    }

    /** Whether {@code path} (under the bucket) exists on the S3 server. */
    private static boolean exists(S3Server s3, String path) throws IOException {
        Configuration conf = new Configuration();
        s3.s3aSettings().forEach(conf::set);
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(s3.uri(path));
        return file.getFileSystem(conf).exists(file);
    }

    /** kafka → delta lands {@code topic}'s records in a new table with the change feed on; returns the mapping file. */
    private static Path landWithChangeFeed(Path dir, KafkaCluster kafka, S3Server s3, String topic, String table)
            throws Exception {
        Path landing = writeConfig(dir, kafka, s3, topic, kafka.createUniqueTopic(table + "-dlq", 1), table);
        Files.writeString(
                landing,
                Files.readString(landing)
                        .replace(
                                "create: true",
                                "create: true\n      table-properties: { delta.enableChangeDataFeed: \"true\" }"));
        try (CliProcess run = bridge(s3ClassPath(), "run", "-c", landing.toString(), "--once")) {
            assertEquals(0, run.awaitExit(RUN), run.output());
        }
        return landing;
    }

    /** delta → kafka publishes {@code table}'s change feed to {@code topic} (settings of {@code landing}); returns the events. */
    private static List<ConsumedRecord> publish(
            Path dir, Path landing, KafkaCluster kafka, S3Server s3, String table, String topic) throws Exception {
        Path publishing = Files.writeString(
                dir.resolve(table + "-out.yaml"),
                Files.readString(landing).substring(0, Files.readString(landing).indexOf("mappings:"))
                        + """
                mappings:
                  - name: publishing-%s
                    from: { delta: "%s" }
                    to: { kafka: %s }
                    key: [id]
                """.formatted(
                                        table,
                                        s3.uri(table),
                                        topic)); // a mapping name per table: the progress topic is the broker's
        try (CliProcess run = bridge(s3ClassPath(), "run", "-c", publishing.toString(), "--once")) {
            assertEquals(0, run.awaitExit(RUN), run.output());
        }
        return kafka.readAll(topic, Duration.ofMinutes(1));
    }

    /**
     * Records with ids {@code 0 .. count-1}, through a producer of this test's own.
     */
    private static long produce(KafkaCluster kafka, String topic, int count) throws Exception {
        Map<String, Object> patient = Map.of(
                ProducerConfig.LINGER_MS_CONFIG,
                "20",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                "120000",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                "600000");
        try (KafkaProducer<byte[], byte[]> producer = kafka.newProducer(patient)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(count);
            for (long id = 0; id < count; id++) {
                sent.add(producer.send(new ProducerRecord<>(
                        topic, utf8(Long.toString(id)), utf8("{\"id\": " + id + ", \"name\": \"n-" + id + "\"}"))));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get(); // a record that was not written fails the test here, not as "missing" in the table
            }
        }
        return count;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s3ClassPath() {
        return System.getProperty("deltabridge.s3.connector")
                + File.pathSeparator
                + System.getProperty("deltabridge.s3.extra");
    }

    private static CliProcess bridge(String plugins, String... args) {
        return CliProcess.startOnClassPath(
                System.getProperty(CliProcess.CLASSPATH_PROPERTY) + File.pathSeparator + plugins,
                List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                Map.of(),
                args);
    }

    static Path writeConfig(Path dir, KafkaCluster kafka, S3Server s3, String topic, String deadLetters, String table)
            throws IOException {
        Map<String, String> settings = new java.util.LinkedHashMap<>(s3.s3aSettings());
        String logStore = System.getProperty(LOG_STORE_PROPERTY);
        if (logStore != null) {
            settings.put("io.delta.kernel.logStore.s3a.impl", logStore);
        }
        String storage = settings.entrySet().stream()
                .map(e -> "  " + e.getKey() + ": \"" + e.getValue() + "\"")
                .collect(Collectors.joining("\n"));
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
                """.formatted(
                        kafka.bootstrapServers(), storage, topic, s3.uri(table), deadLetters));
    }
}
