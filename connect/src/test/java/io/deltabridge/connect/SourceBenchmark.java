package io.deltabridge.connect;

import io.deltabridge.core.delta.TableUris;
import io.deltabridge.embedded.InsightsTable;
import io.deltabridge.testkit.KafkaCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The source connector on one Connect worker against {@code bridge run --once}, on the standard insights workload
 * (version 1 inserts N rows, version 2 updates 10 %, version 3 deletes 5 %: 1.15 N events), json, key {@code id} as
 * a string, every change type, exactly once (transactions) on both sides, the same broker (in this JVM, not
 * counted). Per repetition, on a new topic each: {@code bridge run --once} in a fresh JVM (time from
 * {@code runOnce()} to its return), then the connector on the running worker (time from its creation through the
 * REST API until every event is committed); rows/s of both and their ratio. Run with
 * {@code benchmarks/run-connect.sh} (see docs/benchmarks.md).
 */
public final class SourceBenchmark {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** Connect's own group timeouts, not the tests' quick failover: a busy machine must not make the worker leave. */
    private static final String CONNECT_DEFAULTS = """
            session.timeout.ms=10000
            heartbeat.interval.ms=3000
            scheduled.rebalance.max.delay.ms=300000
            """;

    private static final Pattern RESULT = Pattern.compile("RESULT records=(\\d+) seconds=([\\d.]+) cpu_s=([\\d.]+)");

    private SourceBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        long rows = Long.parseLong(opt.getOrDefault("rows", "1000000"));
        int reps = Integer.parseInt(opt.getOrDefault("reps", "3"));
        int partitions = Integer.parseInt(opt.getOrDefault("partitions", "6"));
        List<String> cliJvm = jvm(opt.getOrDefault("cli-jvm", "-Xmx128m -XX:+UseSerialGC"));
        List<String> workerJvm = jvm(opt.getOrDefault("worker-jvm", "-Xms256m -Xmx1g"));
        String maxTransactionRecords = opt.getOrDefault("max-transaction-records", "100000");
        Path work = Path.of(opt.getOrDefault("work", System.getProperty("java.io.tmpdir") + "/deltabridge-bench"));
        Path table = work.resolve("insights-" + rows);
        if (!Files.isDirectory(table.resolve("_delta_log"))) {
            InsightsTable.createWorkload(table, rows);
        }
        String tableUri = TableUris.normalize(table.toString());
        Path runDir = Files.createTempDirectory("connect-bench");

        List<String> lines = new ArrayList<>();
        List<Double> cliRates = new ArrayList<>();
        List<Double> connectorRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        try (KafkaCluster kafka = KafkaCluster.start();
                WorkerProcess worker =
                        WorkerProcess.start(kafka.bootstrapServers(), "bench", runDir, workerJvm, CONNECT_DEFAULTS)) {
            ConnectRest rest = new ConnectRest(worker.url());
            for (int r = 1; r <= reps; r++) {
                String cliTopic = "cli-" + r;
                kafka.createTopic(cliTopic, partitions);
                Result cli = runOnce(kafka.bootstrapServers(), tableUri, cliTopic, cliJvm, runDir);
                check(kafka, cliTopic, cli.records());
                System.out.println(line("bridge run --once #" + r, cli));

                String topic = "connect-" + r;
                kafka.createTopic(topic, partitions);
                Duration cpuBefore = worker.cpuTime();
                long start = System.nanoTime();
                rest.putConnector(topic, sourceConfig(tableUri, topic, maxTransactionRecords));
                awaitCommitted(kafka, topic, cli.records());
                double seconds = (System.nanoTime() - start) / 1e9;
                Result connector =
                        new Result(cli.records(), seconds, (worker.cpuTime().minus(cpuBefore)).toMillis() / 1e3);
                rest.deleteConnector(topic);
                check(kafka, topic, cli.records());

                cliRates.add(cli.rowsPerSecond());
                connectorRates.add(connector.rowsPerSecond());
                ratios.add(connector.rowsPerSecond() / cli.rowsPerSecond());
                lines.add(line("bridge run --once #" + r, cli));
                lines.add(line("source connector  #" + r, connector));
                lines.add(String.format(
                        Locale.ROOT, "ratio connector / cli #%d: %.2f", r, ratios.get(ratios.size() - 1)));
                System.out.println(String.join("\n", lines.subList(lines.size() - 2, lines.size())));
            }
        }
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "%s, %d partitions; bridge run --once JVM %s; worker JVM %s, connector"
                        + " max-transaction-records %s; load average %.1f%n",
                table,
                partitions,
                cliJvm,
                workerJvm,
                maxTransactionRecords,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        lines.forEach(System.out::println);
        System.out.printf(
                Locale.ROOT,
                "median of %d: bridge run --once %,.0f rows/s, source connector %,.0f rows/s (ratio %.2f);"
                        + " median ratio connector / cli %.2f%n",
                reps,
                median(cliRates),
                median(connectorRates),
                median(connectorRates) / median(cliRates),
                median(ratios));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** These JVM options, plus this JVM's logging configuration (warnings only, as in the d2k benchmark). */
    private static List<String> jvm(String options) {
        List<String> jvm = new ArrayList<>(List.of(options.split(" ")));
        String logging = System.getProperty("logback.configurationFile");
        if (logging != null) {
            jvm.add("-Dlogback.configurationFile=" + logging);
        }
        return jvm;
    }

    /** Events published, seconds, CPU seconds of the publishing process (the worker: all its threads). */
    record Result(long records, double seconds, double cpuSeconds) {
        double rowsPerSecond() {
            return records / seconds;
        }
    }

    private static String line(String name, Result r) {
        return String.format(
                Locale.ROOT,
                "%-22s %,10d events %8.2f s %,10.0f rows/s %7.2f CPU s",
                name,
                r.records(),
                r.seconds(),
                r.rowsPerSecond(),
                r.cpuSeconds());
    }

    private static Map<String, String> sourceConfig(String tableUri, String topic, String maxTransactionRecords) {
        Map<String, String> config = new HashMap<>(ConnectCluster.passThroughConverters());
        config.put("connector.class", ConnectCluster.SOURCE_CONNECTOR);
        config.put("tasks.max", "1");
        config.put("bridge.name", "bench");
        config.put("from.delta", tableUri);
        config.put("to.kafka", topic);
        config.put("key", "id");
        config.put("key-format", "string");
        config.put("changes", "insert,update,delete");
        config.put("exactly.once.support", "required");
        config.put("transaction.boundary", "connector");
        // Connect holds every record of an open transaction until it commits (to call SourceTask.commitRecord):
        // the CLI's 1,000,000 events per transaction need about 3 GB of worker heap
        config.put("max-transaction-records", maxTransactionRecords);
        // the producer settings bridge run uses by default: with Connect's, the 1,000,000-event transaction of
        // version 1 is aborted after transaction.timeout.ms = 60 s on a loaded machine
        config.put("producer.override.transaction.timeout.ms", "300000");
        config.put("producer.override.linger.ms", "10");
        config.put("producer.override.batch.size", Integer.toString(256 * 1024));
        config.put("producer.override.compression.type", "lz4");
        return config;
    }

    /** {@code bridge run --once} of the same mapping in a fresh JVM. */
    private static Result runOnce(String bootstrap, String tableUri, String topic, List<String> jvm, Path dir)
            throws IOException, InterruptedException {
        Path mapping =
                Files.writeString(dir.resolve(topic + ".yaml"), """
                name: bench
                kafka: {bootstrap.servers: "%s"}
                mappings:
                  - name: %s
                    from: {delta: "%s"}
                    to: {kafka: %s}
                    key: id
                    key-format: string
                    changes: [insert, update, delete]
                """.formatted(bootstrap, topic, tableUri, topic));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), RunOnceTimed.class.getName(), mapping.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = out.readLine()) != null; ) {
                output.append(l).append('\n');
                if (l.startsWith("RESULT ")) {
                    result = l;
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException("bridge run --once failed:\n" + output);
        }
        Matcher r = RESULT.matcher(result);
        if (!r.matches()) {
            throw new IllegalStateException("not a result: " + result);
        }
        return new Result(Long.parseLong(r.group(1)), Double.parseDouble(r.group(2)), Double.parseDouble(r.group(3)));
    }

    /**
     * Waits until the committed events of {@code topic} reach {@code records}: the sum of the partitions' last stable
     * offsets (events plus a few transaction markers) passes it only once the last transaction is committed.
     */
    private static void awaitCommitted(KafkaCluster kafka, String topic, long records) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (lastStableOffsets(kafka, topic) < records) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(topic + " has not got " + records + " events in " + TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    private static long lastStableOffsets(KafkaCluster kafka, String topic) throws Exception {
        Set<TopicPartition> partitions =
                kafka.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .collect(Collectors.toSet());
        return kafka
                .admin()
                .listOffsets(
                        partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
                        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get()
                .values()
                .stream()
                .mapToLong(o -> o.offset())
                .sum();
    }

    /** A {@code read_committed} consumer counts exactly {@code records} events in {@code topic}. */
    private static void check(KafkaCluster kafka, String topic, long records) throws Exception {
        Map<String, Object> props = Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false");
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        if (count != records) {
            throw new IllegalStateException(topic + " holds " + count + " committed events, expected " + records);
        }
    }

    /** {@code --name value} pairs. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
