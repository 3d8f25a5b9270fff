package io.deltabridge.connect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.delta.TableUris;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Workers leaving and joining a running Connect cluster of two. */
class FailoverIT {
    private static final Duration TIMEOUT = FailoverScenario.TIMEOUT;
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
        String topic = "insights";
        cluster.connect().kafka().createTopic(topic, 1);
        cluster.connect().configureConnector("insights", FailoverScenario.sourceConfig(dir, topic));
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning("insights", 2, "source running");

        // stop the worker that publishes the big table as soon as its first transactions are committed
        long seen = cluster.topics().awaitCommitted(topic, FailoverScenario.SOURCE_EVENTS_MID_RUN, TIMEOUT);
        WorkerHandle busy = cluster.workerOf("insights", 0);
        LOG.info(
                "stopping worker {} when {} of {} events are committed",
                busy.url(),
                seen,
                FailoverScenario.SOURCE_EVENTS);
        cluster.connect().removeWorker(busy);
        assertTrue(
                seen < FailoverScenario.SOURCE_EVENTS,
                "stopped mid-run: " + seen + " of " + FailoverScenario.SOURCE_EVENTS + " were published");

        FailoverScenario.assertEveryChangeOnce(
                cluster.topics().readCommitted(topic, (int) FailoverScenario.SOURCE_EVENTS, TIMEOUT));

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
        int records = FailoverScenario.SINK_RECORDS;
        cluster.connect().kafka().createTopic(topic, FailoverScenario.SINK_PARTITIONS);
        String table = TableUris.normalize(dir.resolve("events").toString());
        // a third before the stop and the rest after it, so the stop always comes mid-run (see KilledWorkerIT)
        long beforeStop = records / 3;
        cluster.topics().produceRows(topic, FailoverScenario.SINK_PARTITIONS, 0, beforeStop);

        cluster.connect().configureConnector("events-sink", FailoverScenario.sinkConfig(topic, table));
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning("events-sink", 2, "sink running");

        long landed = FailoverScenario.awaitFirstCommit(table);
        WorkerHandle busy = cluster.workerOf("events-sink", 0);
        LOG.info("stopping worker {} when the table holds {} of {} records", busy.url(), landed, records);
        cluster.connect().removeWorker(busy);
        assertTrue(landed < records, "stopped mid-run: " + landed + " of " + records + " were written");
        cluster.topics().produceRows(topic, FailoverScenario.SINK_PARTITIONS, beforeStop, records);

        TableIds.awaitEveryIdOnce(table, records, TIMEOUT);
        cluster.connect().addWorker();
        cluster.connect().deleteConnector("events-sink");
    }

    private static void awaitTasksOnDistinctWorkers(String connector, int workers) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Set<String> used = new HashSet<>();
        while (System.nanoTime() < deadline) {
            used = cluster.connect().connectorStatus(connector).tasks().stream()
                    .filter(t -> "RUNNING".equals(t.state()))
                    .map(t -> t.workerId())
                    .collect(Collectors.toSet());
            if (used.size() >= workers) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("tasks of " + connector + " run on " + used + ", expected " + workers + " workers");
    }
}
