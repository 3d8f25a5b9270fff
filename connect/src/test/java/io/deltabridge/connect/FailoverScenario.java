package io.deltabridge.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.deltabridge.core.delta.TableUris;
import io.deltabridge.core.lineage.LineageHeaders;
import io.deltabridge.embedded.InsightsTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The workloads and checks of the failover ITs, whether the worker running a task stops ({@link FailoverIT}) or is
 * killed ({@link KilledWorkerIT}).
 */
final class FailoverScenario {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int VERSIONS = 60;
    private static final int ROWS_PER_VERSION = 2_000;
    private static final int SMALL_TABLE_ROWS = 10;
    /** The change rows the two tables of {@link #sourceConfig} hold. */
    static final long SOURCE_EVENTS = (long) VERSIONS * ROWS_PER_VERSION + SMALL_TABLE_ROWS;
    /** Committed events after which the task of the big table is surely mid-run: more than the small table has. */
    static final int SOURCE_EVENTS_MID_RUN = 1_000;

    static final int SINK_RECORDS = 30_000;
    static final int SINK_PARTITIONS = 4;

    private FailoverScenario() {}

    /**
     * A table of 60 versions of 2,000 rows (task 0) and one of 10 rows (task 1) under {@code dir}, and the config
     * of a source publishing both to {@code topic} with exactly-once support, each version split over 4
     * transactions.
     */
    static Map<String, String> sourceConfig(Path dir, String topic) {
        InsightsTable table = InsightsTable.create(dir.resolve("insights"), ROWS_PER_VERSION);
        for (int v = 1; v < VERSIONS; v++) {
            table.insert((long) v * ROWS_PER_VERSION, ROWS_PER_VERSION);
        }
        InsightsTable other = InsightsTable.create(dir.resolve("other"), SMALL_TABLE_ROWS);
        Map<String, String> config = new HashMap<>(ConnectCluster.passThroughConverters());
        config.put("connector.class", ConnectCluster.SOURCE_CONNECTOR);
        config.put("tasks.max", "2");
        config.put(
                "from.delta",
                TableUris.normalize(table.path().toString()) + ","
                        + TableUris.normalize(other.path().toString()));
        config.put("to.kafka", topic);
        config.put("key", "id");
        config.put("max-transaction-records", "500");
        config.put("exactly.once.support", "required");
        config.put("transaction.boundary", "connector");
        return config;
    }

    /** Every change row of {@link #sourceConfig}'s tables was published, each once. */
    static void assertEveryChangeOnce(List<ConsumerRecord<byte[], byte[]>> published) {
        Map<String, Long> perEvent = published.stream()
                .collect(Collectors.groupingBy(
                        r -> header(r, LineageHeaders.SOURCE) + "#" + header(r, LineageHeaders.CE_ID),
                        Collectors.counting()));
        assertEquals(SOURCE_EVENTS, perEvent.size(), "distinct change rows published");
        assertEquals(
                SOURCE_EVENTS,
                published.size(),
                "events published (each once): repeated "
                        + perEvent.entrySet().stream()
                                .filter(e -> e.getValue() > 1)
                                .limit(5)
                                .toList());
    }

    /** A two-task sink of {@code topic} into {@code table}, committing every 2,000 records. */
    static Map<String, String> sinkConfig(String topic, String table) {
        Map<String, String> config = ConnectCluster.sinkConfig(topic, table);
        config.put("flush.max-records", "2000");
        config.put("consumer.override.max.poll.records", "500");
        // a consumer whose task did not stop in time leaves the group after 6 s, not Kafka's default 45 s
        config.put("consumer.override.session.timeout.ms", "6000");
        config.put("consumer.override.heartbeat.interval.ms", "1000");
        return config;
    }

    /** As soon as the table has rows: how many. */
    static long awaitFirstCommit(String table) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            long rows = TableIds.exists(table) ? TableIds.read(table).size() : 0;
            if (rows > 0) {
                return rows;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing written to " + table + " in " + TIMEOUT);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
