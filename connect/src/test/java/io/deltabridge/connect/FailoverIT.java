package io.deltabridge.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.delta.TableUris;
import io.deltabridge.core.lineage.LineageHeaders;
import io.deltabridge.embedded.InsightsTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Workers leaving and joining a running Connect cluster of two. */
class FailoverIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int VERSIONS = 60;
    private static final int ROWS_PER_VERSION = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(FailoverIT.class);
    private static ConnectCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() {
        cluster = ConnectCluster.start(2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * With exactly-once source support, the worker running the task stops in the middle of a table of 60 versions
     * (each split over 4 transactions): the other worker takes the task over, and a {@code read_committed}
     * consumer sees every change row once. A worker joining then gets a task of its own.
     */
    @Test
    void sourceWithExactlyOncePublishesEveryChangeOnceAcrossAWorkerStop() throws Exception {
        InsightsTable table = InsightsTable.create(dir.resolve("insights"), ROWS_PER_VERSION);
        for (int v = 1; v < VERSIONS; v++) {
            table.insert((long) v * ROWS_PER_VERSION, ROWS_PER_VERSION);
        }
        InsightsTable other = InsightsTable.create(dir.resolve("other"), 10);
        long expected = (long) VERSIONS * ROWS_PER_VERSION + 10;
        String topic = "insights";
        cluster.connect().kafka().createTopic(topic, 1);

        Map<String, String> config = new HashMap<>(ConnectCluster.passThroughConverters());
        config.put("connector.class", ConnectCluster.SOURCE_CONNECTOR);
        config.put("tasks.max", "2");
        config.put("from.delta", TableUris.normalize(table.path().toString()) + ","
                + TableUris.normalize(other.path().toString()));
        config.put("to.kafka", topic);
        config.put("key", "id");
        config.put("max-transaction-records", "500");
        config.put("exactly.once.support", "required");
        config.put("transaction.boundary", "connector");
        cluster.connect().configureConnector("insights", config);
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning("insights", 2, "source running");

        // stop the worker that publishes the big table as soon as its first transactions are committed (more
        // events than the small table has)
        long seen = cluster.awaitCommitted(topic, 1_000, TIMEOUT);
        WorkerHandle busy = cluster.workerOf("insights", 0);
        LOG.info("stopping worker {} when {} of {} events are committed", busy.url(), seen, expected);
        cluster.connect().removeWorker(busy);
        assertTrue(seen < expected, "stopped mid-run: " + seen + " of " + expected + " were published");

        List<ConsumerRecord<byte[], byte[]>> published = cluster.readCommitted(topic, (int) expected, TIMEOUT);
        Map<String, Long> perEvent = published.stream().collect(Collectors.groupingBy(
                r -> header(r, LineageHeaders.SOURCE) + "#" + header(r, LineageHeaders.CE_ID), Collectors.counting()));
        assertEquals(expected, perEvent.size(), "distinct change rows published");
        assertEquals(expected, published.size(), "events published (each once): repeated "
                + perEvent.entrySet().stream().filter(e -> e.getValue() > 1).limit(5).toList());

        // a worker joins: the two tasks run on two workers again
        cluster.connect().addWorker();
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning("insights", 2, "after a join");
        awaitTasksOnDistinctWorkers("insights", 2);
        cluster.connect().deleteConnector("insights");
    }

    /**
     * The worker running a sink task stops while 30,000 records are written in commits of 2,000: the partitions
     * move to the other worker's task, which starts from the table's offsets; the table holds every record once.
     *
     * <p>Passed in 3 of 4 runs at first; in one, 1,000 ids (the first records of partitions 1 and 2, never yet
     * committed to the table) were missing: after a discarded batch the task re-sought only partitions with stored
     * offsets, the others went on from the consumer's position. Fixed (they now start at their beginning, as with
     * {@code bridge run}); 4 of 4 runs passed since. It then lost 632 ids of partitions 1 and 2 in CI: the two tasks
     * raced for one commit version and the local log store let both make it, one replacing the other (fixed by
     * {@code LocalExclusiveLogStore}, proven by {@code LocalCommitRaceTest}).
     */
    @Test
    void sinkWritesEveryRecordOnceAcrossAWorkerStop() throws Exception {
        String topic = "events";
        int records = 30_000;
        cluster.connect().kafka().createTopic(topic, 4);
        String table = TableUris.normalize(dir.resolve("events").toString());
        cluster.produceRows(topic, 4, 0, records);

        Map<String, String> config = ConnectCluster.sinkConfig(topic, table);
        config.put("flush.max-records", "2000");
        config.put("consumer.override.max.poll.records", "500");
        // a consumer whose task did not stop in time leaves the group after 6 s, not Kafka's default 45 s
        config.put("consumer.override.session.timeout.ms", "6000");
        config.put("consumer.override.heartbeat.interval.ms", "1000");
        cluster.connect().configureConnector("events-sink", config);
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning("events-sink", 2, "sink running");

        long landed = awaitFirstCommit(table);
        WorkerHandle busy = cluster.workerOf("events-sink", 0);
        LOG.info("stopping worker {} when the table holds {} of {} records", busy.url(), landed, records);
        cluster.connect().removeWorker(busy);
        assertTrue(landed < records, "stopped mid-run: " + landed + " of " + records + " were written");

        TableIds.awaitEveryIdOnce(table, records, TIMEOUT);
        cluster.connect().addWorker();
        cluster.connect().deleteConnector("events-sink");
    }

    private static long awaitFirstCommit(String table) throws InterruptedException {
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

    private static void awaitTasksOnDistinctWorkers(String connector, int workers) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Set<String> used = new HashSet<>();
        while (System.nanoTime() < deadline) {
            used = cluster.connect().connectorStatus(connector).tasks().stream()
                    .filter(t -> "RUNNING".equals(t.state())).map(t -> t.workerId()).collect(Collectors.toSet());
            if (used.size() >= workers) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("tasks of " + connector + " run on " + used + ", expected " + workers + " workers");
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
