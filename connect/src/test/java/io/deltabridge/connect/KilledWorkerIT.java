package io.deltabridge.connect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.delta.TableUris;
import io.deltabridge.testkit.KafkaCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connect workers as real processes (child JVMs of {@code ConnectDistributed}, connectors from the plugin
 * directory), two per cluster, and the one running a task SIGKILLed mid-run: nothing stops cleanly, no task commits
 * on the way out. A fresh worker joins after each kill, so that every test starts with two.
 */
class KilledWorkerIT {
    private static final Logger LOG = LoggerFactory.getLogger(KilledWorkerIT.class);
    private static final String GROUP = "deltabridge-killed";
    private static final List<WorkerProcess> workers = new ArrayList<>();
    private static KafkaCluster kafka;
    private static Topics topics;

    @TempDir
    static Path workerDir;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() {
        kafka = KafkaCluster.start();
        topics = new Topics(kafka.bootstrapServers());
        // started side by side: a worker takes ~15 s to start on two cores
        List<CompletableFuture<WorkerProcess>> starting = List.of(startWorker(), startWorker());
        starting.forEach(f -> workers.add(f.join()));
    }

    @AfterAll
    static void stopCluster() {
        workers.forEach(WorkerProcess::close);
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void twoWorkersAgain() {
        workers.removeIf(w -> !w.isRunning());
        while (workers.size() < 2) {
            workers.add(startWorker().join());
        }
    }

    /**
     * With exactly-once source support, the worker publishing a table of 60 versions (each split over 4
     * transactions) is killed once its first transactions are committed: its open transaction is aborted, the
     * other worker resumes from the offsets committed with the last transaction, and a {@code read_committed}
     * consumer sees every change row once.
     */
    @Test
    void sourceWithExactlyOncePublishesEveryChangeOnceAcrossASigkill() throws Exception {
        String topic = "insights";
        kafka.createTopic(topic, 1);
        ConnectRest rest = new ConnectRest(workers.get(0).url());
        rest.putConnector("insights", FailoverScenario.sourceConfig(dir, topic));
        Map<Integer, String> tasks = rest.awaitRunningTasks("insights", 2, FailoverScenario.TIMEOUT);

        long seen = topics.awaitCommitted(topic, FailoverScenario.SOURCE_EVENTS_MID_RUN, FailoverScenario.TIMEOUT);
        WorkerProcess busy = kill(tasks.get(0));
        LOG.info(
                "killed worker {} when {} of {} events were committed",
                busy.id(),
                seen,
                FailoverScenario.SOURCE_EVENTS);
        assertTrue(
                seen < FailoverScenario.SOURCE_EVENTS,
                "killed mid-run: " + seen + " of " + FailoverScenario.SOURCE_EVENTS + " were published");

        FailoverScenario.assertEveryChangeOnce(
                topics.readCommitted(topic, (int) FailoverScenario.SOURCE_EVENTS, FailoverScenario.TIMEOUT));
        survivor().deleteConnector("insights");
    }

    /**
     * The worker running a sink task is killed once the table holds its first commit (30,000 records over 4
     * partitions, commits of 2,000): the surviving worker's tasks resume from the offsets stored in the table, which
     * holds every record once. A third of the records is sent before the kill and the rest after it, so the kill
     * always comes mid-run (on a quiet machine the sink wrote all 30,000 before the table was first looked at).
     */
    @Test
    void sinkWritesEveryRecordOnceAcrossASigkill() throws Exception {
        String topic = "events";
        kafka.createTopic(topic, FailoverScenario.SINK_PARTITIONS);
        String table = TableUris.normalize(dir.resolve("events").toString());
        long beforeKill = FailoverScenario.SINK_RECORDS / 3;
        topics.produceRows(topic, FailoverScenario.SINK_PARTITIONS, 0, beforeKill);
        ConnectRest rest = new ConnectRest(workers.get(0).url());
        rest.putConnector("events-sink", FailoverScenario.sinkConfig(topic, table));
        Map<Integer, String> tasks = rest.awaitRunningTasks("events-sink", 2, FailoverScenario.TIMEOUT);

        long landed = FailoverScenario.awaitFirstCommit(table);
        WorkerProcess busy = kill(tasks.get(0));
        LOG.info(
                "killed worker {} when the table held {} of {} records",
                busy.id(),
                landed,
                FailoverScenario.SINK_RECORDS);
        assertTrue(
                landed < FailoverScenario.SINK_RECORDS,
                "killed mid-run: " + landed + " of " + FailoverScenario.SINK_RECORDS + " were written");
        topics.produceRows(topic, FailoverScenario.SINK_PARTITIONS, beforeKill, FailoverScenario.SINK_RECORDS);

        TableIds.awaitEveryIdOnce(table, FailoverScenario.SINK_RECORDS, FailoverScenario.TIMEOUT);
        survivor().deleteConnector("events-sink");
    }

    /** SIGKILLs the worker with this id. */
    private static WorkerProcess kill(String workerId) throws Exception {
        WorkerProcess worker = workers.stream()
                .filter(w -> w.id().equals(workerId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no worker " + workerId));
        worker.kill();
        assertFalse(worker.isRunning(), "killed");
        return worker;
    }

    private static ConnectRest survivor() {
        return new ConnectRest(workers.stream()
                .filter(WorkerProcess::isRunning)
                .findFirst()
                .orElseThrow()
                .url());
    }

    private static CompletableFuture<WorkerProcess> startWorker() {
        return CompletableFuture.supplyAsync(() -> WorkerProcess.start(kafka.bootstrapServers(), GROUP, workerDir));
    }
}
