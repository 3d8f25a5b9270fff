package io.deltabridge.cli;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ConfigLoader;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.pipeline.Bridge;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.embedded.EmbeddedKafkaBroker;
import io.deltabridge.embedded.IdFilter;
import io.deltabridge.embedded.InsightsTable;
import io.deltabridge.embedded.TempDirs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.LoggerFactory;

/**
 * The quickstart's steps: an in-process Kafka broker on loopback, a sample "insights" Delta table with
 * the Change Data Feed in a temp directory; delta → kafka, a table update and delete published again,
 * kafka → delta upserting into a second table with lineage columns, which then equals the first.
 * Everything is stopped and deleted at the end. Apart from {@link QuickstartCommand} so that only
 * running it needs the broker's classes (kept out of the bridge jar: {@link QuickstartBrokerJars}).
 */
final class QuickstartScenario {
    private static final String TOPIC = "insights";
    private static final String DEAD_LETTERS = "insights-dlq";
    private static final List<String> LANDED_COLUMNS =
            List.of("customer_id", "score", "_kafka_partition", "_kafka_offset", "_lineage");
    /** The source table's columns, compared with the landed table's. */
    private static final List<String> DATA_COLUMNS = List.of(
            "id",
            "customer_id",
            "segment",
            "score",
            "churn_risk",
            "updated_at",
            "features",
            "attributes",
            "country",
            "tenure",
            "active",
            "version");
    /** The lineage entries worth showing; the table keeps every deltabridge.* and ce_* header. */
    private static final List<String> LINEAGE_SHOWN =
            List.of("deltabridge.version", "deltabridge.change.type", "deltabridge.mapping");

    private final PrintWriter out;
    private final long rows;
    private final boolean keep;
    private int step;

    QuickstartScenario(PrintWriter out, long rows, boolean keep) {
        this.out = out;
        this.rows = rows;
        this.keep = keep;
    }

    void run() throws IOException {
        quietBridgeLogs();
        Path dir = Files.createTempDirectory("deltabridge-quickstart-");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()) {
            run(broker, dir);
        } finally {
            if (keep) {
                say("Kept %s", dir);
            } else {
                TempDirs.deleteRecursively(dir);
            }
        }
    }

    private void run(EmbeddedKafkaBroker broker, Path dir) throws IOException {
        title("Starting a Kafka broker in this process");
        broker.start();
        createTopics(broker);
        say(
                "Broker on %s (KRaft, single node, loopback only); topics '%s' (3 partitions), '%s'",
                broker.bootstrapServers(), TOPIC, DEAD_LETTERS);

        title("Creating a sample Delta table with the Change Data Feed");
        Path source = dir.resolve("insights");
        InsightsTable insights = InsightsTable.create(source, rows);
        say("%s: %d rows of churn scores per customer, version %d", source, rows, insights.latestVersion());

        Path landed = dir.resolve("insights_landed");
        String yaml = mappingFile(broker.bootstrapServers(), source, landed);
        Path file = Files.writeString(dir.resolve("bridge.yaml"), yaml, StandardCharsets.UTF_8);
        BridgeConfig config = ConfigLoader.load(file);
        title("The mapping file (%s)", file.getFileName());
        yaml.lines().forEach(line -> say("%s", line));

        title("delta → kafka: publishing the table's changes (bridge run -m insights-out --once)");
        long published = publish(config);
        List<ConsumerRecord<byte[], byte[]>> first = read(broker, published, false);
        say("%d events on '%s'; the first three:", first.size(), TOPIC);
        first.stream().limit(3).forEach(this::printEvent);

        title("Changing the table: UPDATE where id %% 5 = 0, DELETE where id %% 10 = 3");
        InsightsTable.Commit update = insights.updateWhere(IdFilter.modulo(5, 0), Instant.now());
        InsightsTable.Commit delete = insights.deleteWhere(IdFilter.modulo(10, 3));
        say(
                "version %d updated %d rows, version %d deleted %d rows",
                update.version(), update.rows(), delete.version(), delete.rows());

        title("delta → kafka again: only the new versions are published");
        published += publish(config);
        List<ConsumerRecord<byte[], byte[]>> all = read(broker, published, true);
        List<ConsumerRecord<byte[], byte[]>> changes = all.subList(first.size(), all.size());
        say(
                "%d new events: update_postimage rows and, for deletes, tombstones (null value) with the same key",
                changes.size());
        changes.forEach(this::printEvent);

        title(
                "kafka → delta: applying the topic to a new table by key (bridge run -m insights-in --once, mode: upsert)");
        try (Bridge bridge =
                Bridge.builder().config(config).mappings("insights-in").build()) {
            RunSummary s = bridge.runOnce().summaries().get(0);
            say("%s", Progress.describe(s));
            say(
                    "Each event replaced the row with its customer_id (the update's post-images), each tombstone deleted it.");
        }
        Engine engine = DeltaEngines.create(Map.of());
        List<Map<String, String>> sourceRows =
                sortedById(TablePreview.read(engine, source.toString(), DATA_COLUMNS, k -> true, Integer.MAX_VALUE));
        List<Map<String, String>> landedRows =
                sortedById(TablePreview.read(engine, landed.toString(), DATA_COLUMNS, k -> true, Integer.MAX_VALUE));
        say(
                sourceRows.equals(landedRows)
                        ? "%s equals the source table: the same %d rows, the update and the delete included"
                        : "%s DIFFERS from the source table (%d rows there): please report this",
                landed,
                sourceRows.size());
        List<Map<String, String>> rowsLanded =
                TablePreview.read(engine, landed.toString(), LANDED_COLUMNS, LINEAGE_SHOWN::contains, 5);
        say("Its rows also say where they came from");
        say("(first rows; _lineage keeps every deltabridge.* and ce_* header, a few shown):");
        rowsLanded.forEach(r -> say(
                "  %s",
                r.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("  "))));

        title("Done");
        say("Both directions ran exactly once: run any step again and nothing is duplicated.");
        say("Next: write your own mapping file (examples/mappings/), check it with `bridge validate -c bridge.yaml`,");
        say("then `bridge run -c bridge.yaml` (continuously) or `--once` from cron (docs/scheduling.md).");
        out.flush();
    }

    private static List<Map<String, String>> sortedById(List<Map<String, String>> rows) {
        return rows.stream()
                .sorted(java.util.Comparator.comparing((Map<String, String> r) -> Long.parseLong(r.get("id"))))
                .toList();
    }

    /** The quickstart narrates on stdout; the pipelines' own INFO lines would interleave on stderr. */
    private static void quietBridgeLogs() {
        if (LoggerFactory.getLogger("io.deltabridge") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static void createTopics(EmbeddedKafkaBroker broker) {
        try {
            broker.admin()
                    .createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1), new NewTopic(DEAD_LETTERS, 1, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw Problem.of("Could not create the quickstart topics")
                    .because("%s", e.getMessage())
                    .fix("run again; if it persists, report it with --stacktrace")
                    .runtime(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.of("Interrupted while creating the quickstart topics").runtime(e);
        }
    }

    /** Runs insights-out once; the number of events it published. */
    private long publish(BridgeConfig config) {
        try (Bridge bridge =
                Bridge.builder().config(config).mappings("insights-out").build()) {
            RunSummary s = bridge.runOnce().summaries().get(0);
            say("%s", Progress.describe(s));
            return s.records();
        }
    }

    private static String mappingFile(String bootstrap, Path source, Path landed) {
        return """
                name: quickstart
                kafka:
                  bootstrap.servers: %s
                mappings:
                  - name: insights-out              # delta → kafka
                    from: { delta: %s }
                    to:   { kafka: %s }
                    key: [customer_id]
                    format: json
                    changes: [insert, update, delete]
                  - name: insights-in               # kafka → delta, applying the changes by key
                    from: { kafka: [%s] }
                    mode: upsert
                    key: [customer_id]
                    to:
                      delta: %s
                      create: true
                      schema: "id BIGINT, customer_id STRING, segment STRING, score DOUBLE, churn_risk DECIMAL(5,4), updated_at TIMESTAMP, features ARRAY<DOUBLE>, attributes MAP<STRING,STRING>, country STRING, tenure INT, active BOOLEAN, version INT"
                    format: json
                    dead-letter-topic: %s
                """.formatted(bootstrap, source, TOPIC, TOPIC, landed, DEAD_LETTERS);
    }

    /**
     * The {@code expected} committed events of the topic (read_committed: the transaction markers
     * may land just after the commit returns), in partition and offset order, or by version when
     * {@code byVersion} so that changes read in the order they were made.
     */
    private static List<ConsumerRecord<byte[], byte[]>> read(
            EmbeddedKafkaBroker broker, long expected, boolean byVersion) {
        Map<String, Object> props = new HashMap<>(broker.clientProperties());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (Consumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            Comparator<ConsumerRecord<byte[], byte[]>> order = Comparator.comparingInt(ConsumerRecord::partition);
            order = order.thenComparingLong(ConsumerRecord::offset);
            records.sort(
                    byVersion
                            ? Comparator.comparingLong(QuickstartScenario::version)
                                    .thenComparing(order)
                            : order);
            return records;
        }
    }

    private static long version(ConsumerRecord<byte[], byte[]> r) {
        Header h = r.headers().lastHeader("deltabridge.version");
        return h == null ? -1 : Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
    }

    private void printEvent(ConsumerRecord<byte[], byte[]> r) {
        say("  key %s  (partition %d, offset %d)", text(r.key()), r.partition(), r.offset());
        say("    value   %s", r.value() == null ? "null (tombstone)" : abbreviate(text(r.value()), 110));
        String headers = java.util.stream.StreamSupport.stream(r.headers().spliterator(), false)
                .filter(h -> List.of(
                                "deltabridge.change.type",
                                "deltabridge.version",
                                "deltabridge.source",
                                "ce_id",
                                "ce_type")
                        .contains(h.key()))
                .map(h -> h.key() + "=" + text(h.value()))
                .collect(Collectors.joining("  "));
        say("    headers %s", headers);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private void title(String format, Object... args) {
        out.println();
        out.printf("[%d] %s%n", ++step, String.format(format, args));
        out.flush();
    }

    private void say(String format, Object... args) {
        out.println("    " + String.format(format, args));
        out.flush();
    }
}
