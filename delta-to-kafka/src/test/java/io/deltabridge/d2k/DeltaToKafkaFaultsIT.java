package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.KeyFormat;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.RuntimeFailureException;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.KafkaCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

/**
 * delta → kafka under faults (issue 8): foreign open transactions and lost, repartitioned or
 * misconfigured progress topics; a table recreated while running; rows Kafka rejects; slow
 * versions and transaction timeouts; broker outages and commit timeouts.
 */
class DeltaToKafkaFaultsIT extends DeltaToKafkaITSupport {
    @Test
    void aForeignOpenTransactionOnTheProgressTopicDoesNotReplayOldVersions() throws IOException {
        DeltaFixture f = fixture("basic");
        HiddenCommits later = HiddenCommits.of(f);
        String topic = kafka.createUniqueTopic("foreign-txn", 1);
        String progress = KafkaCluster.uniqueName("_progress_foreign");
        List<String> expected = expectedEvents(f);
        try (DeltaToKafkaPipeline p = builder(f, topic).progressTopic(progress).build()) {
            assertEquals(HiddenCommits.eventsBefore(expected), p.runOnce().records());
        }
        // another transactional producer appends to the progress partition and stays open (a killed mapping)
        try (Producer<byte[], byte[]> foreign = kafka.newProducer(
                Map.of("transactional.id", KafkaCluster.uniqueName("foreign"), "transaction.timeout.ms", 15_000))) {
            foreign.initTransactions();
            foreign.beginTransaction();
            foreign.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                    progress, 0, "other/mapping".getBytes(), "{}".getBytes()));
            foreign.flush();
            later.reveal();
            try (DeltaToKafkaPipeline p =
                    builder(f, topic).progressTopic(progress).build()) {
                assertEquals(
                        expected.size() - HiddenCommits.eventsBefore(expected),
                        p.runOnce().records());
            }
            // its progress now lies behind the foreign transaction: a new run must still see it
            try (DeltaToKafkaPipeline p =
                    builder(f, topic).progressTopic(progress).build()) {
                assertEquals(0, p.runOnce().records(), "nothing republished");
            }
            foreign.close(Duration.ZERO);
        }
        List<ConsumedRecord> records = readAll(topic, expected.size());
        assertEquals(expected, actualEvents(records));
    }

    @Test
    void progressStaysFoundWhenPartitionsAreAddedToTheProgressTopic() throws Exception {
        DeltaFixture f = fixture("basic");
        String topic = kafka.createUniqueTopic("repartition", 1);
        String progress = KafkaCluster.uniqueName("_progress_repartition");
        kafka.createCompactedTopic(progress, 1);
        try (DeltaToKafkaPipeline p = builder(f, topic).progressTopic(progress).build()) {
            assertTrue(p.runOnce().records() > 0);
        }
        // enough partitions that the key's hash no longer points at partition 0
        byte[] key = ("it/" + topic).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int partitions = 2;
        while (org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(key))
                        % partitions
                == 0) {
            partitions++;
        }
        kafka.admin()
                .createPartitions(Map.of(progress, org.apache.kafka.clients.admin.NewPartitions.increaseTo(partitions)))
                .all()
                .get(60, TimeUnit.SECONDS);
        try (DeltaToKafkaPipeline p = builder(f, topic).progressTopic(progress).build()) {
            assertEquals(
                    0, p.runOnce().records(), "nothing republished after growing to " + partitions + " partitions");
        }
        assertEquals(
                expectedEvents(f), actualEvents(readAll(topic, expectedEvents(f).size())));
    }

    @Test
    void aProgressTopicThatDeletesRecordsIsRefused() {
        DeltaFixture f = fixture("basic");
        String progress = KafkaCluster.uniqueName("_progress_delete_policy");
        kafka.createTopic(progress, 1, Map.of("cleanup.policy", "delete"));
        String topic = kafka.createUniqueTopic("delete-policy", 1);
        try (DeltaToKafkaPipeline p = builder(f, topic).progressTopic(progress).build()) {
            ConfigException e = assertThrows(ConfigException.class, p::runOnce);
            assertTrue(
                    e.getMessage().contains("cleanup.policy=delete")
                            && e.getMessage().contains(progress)
                            && e.getMessage().contains("cleanup.policy=compact"),
                    e.getMessage());
        }
        assertEquals(0, readAll(topic).size());
    }

    @Test
    void aLostProgressTopicDoesNotReplayUnlessResetIsAskedFor() throws Exception {
        DeltaFixture f = fixture("basic");
        String topic = kafka.createUniqueTopic("lost-progress", 2);
        String progress = KafkaCluster.uniqueName("_progress_lost");
        List<String> expected = expectedEvents(f);
        try (DeltaToKafkaPipeline p = builder(f, topic).progressTopic(progress).build()) {
            assertEquals(expected.size(), p.runOnce().records());
        }
        kafka.admin().deleteTopics(List.of(progress)).all().get(60, TimeUnit.SECONDS);
        awaitTopicGone(progress);
        try (DeltaToKafkaPipeline p = builder(f, topic).progressTopic(progress).build()) {
            io.deltabridge.core.error.DataException e =
                    assertThrows(io.deltabridge.core.error.DataException.class, p::runOnce);
            assertTrue(e.getMessage().contains(topic) && e.getMessage().contains("--reset-progress"), e.getMessage());
        }
        assertEquals(expected.size(), readAll(topic, expected.size()).size(), "nothing published twice");
        // asked for explicitly: everything again from starting-version, and from then on the new progress
        try (DeltaToKafkaPipeline p =
                builder(f, topic).progressTopic(progress).resetProgress(true).build()) {
            assertEquals(expected.size(), p.runOnce().records());
        }
        try (DeltaToKafkaPipeline p = builder(f, topic).progressTopic(progress).build()) {
            assertEquals(0, p.runOnce().records());
        }
        assertEquals(2 * expected.size(), readAll(topic, 2 * expected.size()).size());
    }

    private static void awaitTopicGone(String topic) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (kafka.admin().listTopics().names().get(60, TimeUnit.SECONDS).contains(topic)) {
            assertTrue(System.nanoTime() < deadline, topic + " still listed");
            Thread.sleep(100);
        }
    }

    @Test
    void aTableRecreatedWhileRunningContinuouslyStopsTheMapping() throws Exception {
        DeltaFixture f = fixture("basic");
        String topic = kafka.createUniqueTopic("recreated", 1);
        List<String> expected = expectedEvents(f);
        try (DeltaToKafkaPipeline p =
                builder(f, topic).pollInterval(Duration.ofMillis(200)).build()) {
            CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(p::runContinuously);
            kafka.readUntil(topic, expected.size(), TIMEOUT);
            // the same location now holds another table: another id, fewer versions so far
            Path replacement = fixture("basic").table();
            for (String later : List.of("00000000000000000003.json", "00000000000000000004.json")) {
                Files.delete(replacement.resolve("_delta_log").resolve(later));
            }
            Path commit0 = replacement.resolve("_delta_log/00000000000000000000.json");
            String oldId = "78fbf9bd-6c9c-40f3-8698-25083a5600b4";
            String newId = "00000000-0000-4000-8000-000000000001";
            String log0 = Files.readString(commit0);
            assertTrue(log0.contains(oldId));
            Files.writeString(commit0, log0.replace(oldId, newId));
            deleteTree(f.table());
            Files.move(replacement, f.table());
            java.util.concurrent.ExecutionException e =
                    assertThrows(java.util.concurrent.ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS));
            assertTrue(
                    e.getCause() instanceof io.deltabridge.core.error.DataException,
                    e.getCause().toString());
            String message = e.getCause().getMessage();
            assertTrue(
                    message.contains(oldId) && message.contains(newId) && message.contains("--reset-progress"),
                    message);
        }
        assertEquals(expected, actualEvents(readAll(topic, expected.size())));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void aRowLargerThanMaxRequestSizeIsReportedWithItsVersionAndTheFix() {
        DeltaFixture f = fixture("basic");
        String topic = kafka.createUniqueTopic("too-large", 1);
        Map<String, String> small = settings();
        small.put("max.request.size", "450"); // above a progress record, below an event with its headers
        try (DeltaToKafkaPipeline p = builder(f, topic).kafka(small).build()) {
            io.deltabridge.core.error.DataException e =
                    assertThrows(io.deltabridge.core.error.DataException.class, p::runOnce);
            String message = e.getMessage();
            assertTrue(
                    message.contains("version 1")
                            && message.contains("max.request.size")
                            && message.contains("max.message.bytes")
                            && !message.contains("error state"),
                    message);
        }
        assertEquals(0, readAll(topic).size());
    }

    @Test
    void aNullKeyForACompactedTopicIsReportedBeforeSending() {
        DeltaFixture f = fixture("all_types");
        String topic = KafkaCluster.uniqueName("null-key");
        kafka.createCompactedTopic(topic, 1);
        // c_string is null in a row of version 2
        try (DeltaToKafkaPipeline p =
                builder(f, topic).key("c_string").keyFormat(KeyFormat.STRING).build()) {
            io.deltabridge.core.error.DataException e =
                    assertThrows(io.deltabridge.core.error.DataException.class, p::runOnce);
            String message = e.getMessage();
            assertTrue(
                    message.contains("version 2") && message.contains("c_string") && message.contains("compact"),
                    message);
        }
        assertEquals(3, readAll(topic, 3).size(), "version 1 published, version 2 not");
    }

    @Test
    void aVersionReadSlowerThanTheTransactionTimeoutIsSplitByTime() throws IOException {
        DeltaFixture f = fixture("partitioned_merge");
        String topic = kafka.createUniqueTopic("slow-version", 3);
        Map<String, String> shortTransactions = settings();
        shortTransactions.put("transaction.timeout.ms", "2000");
        io.deltabridge.core.config.DeltaToKafkaMapping mapping;
        try (DeltaToKafkaPipeline p = builder(f, topic).build()) {
            mapping = p.mapping();
        }
        // versions 1-3 have 15 events; version 4's 8 events (5 files) take 2.5 s each to read: the
        // version is open far longer than the timeout plus the coordinator's check interval (10 s)
        AtomicInteger keys = new AtomicInteger();
        EventFormat json = new JsonEventFormat(mapping, f.tableUri(), java.util.Optional.empty());
        EventFormat slow = new EventFormat() {
            @Override
            public String contentType() {
                return json.contentType();
            }

            @Override
            public void prepare(io.delta.kernel.types.StructType tableSchema) {
                json.prepare(tableSchema);
            }

            @Override
            public byte[] key(io.delta.kernel.data.ColumnarBatch data, int row) {
                int n = keys.incrementAndGet();
                if (n > 15 && n <= 23) {
                    try {
                        Thread.sleep(2500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return json.key(data, row);
            }

            @Override
            public byte[] row(io.delta.kernel.data.ColumnarBatch data, int row) {
                return json.row(data, row);
            }

            @Override
            public byte[] rowBody(io.delta.kernel.data.ColumnarBatch data, int row) {
                return json.rowBody(data, row);
            }

            @Override
            public byte[] debezium(byte[] before, byte[] after, String op, DebeziumSource source) {
                return json.debezium(before, after, op, source);
            }
        };
        List<String> expected = expectedEvents(f);
        try (DeltaToKafkaPipeline p = builder(f, topic)
                .kafka(shortTransactions)
                .eventFormat(() -> slow)
                .build()) {
            assertEquals(expected.size(), p.runOnce().records());
        }
        List<ConsumedRecord> records = readAll(topic, expected.size());
        assertEquals(expected, actualEvents(records));
        assertEquals(expected.size(), ids(records).size(), "no duplicates");
    }

    @Test
    void aTransactionTheCoordinatorAbortedForItsTimeoutIsNamedSo() {
        DeltaFixture f = fixture("basic");
        String topic = kafka.createUniqueTopic("txn-timeout", 1);
        Map<String, String> shortTransactions = settings();
        shortTransactions.put("transaction.timeout.ms", "2000");
        AtomicInteger commits = new AtomicInteger();
        // the first commit stalls (a paused process) past the timeout and the coordinator's check (10 s)
        InterceptingClients stalling = new InterceptingClients(shortTransactions) {
            @Override
            boolean before(String method) throws InterruptedException {
                if (method.equals("commitTransaction") && commits.getAndIncrement() == 0) {
                    Thread.sleep(15_000);
                }
                return true;
            }
        };
        try (DeltaToKafkaPipeline p = builder(f, topic).kafkaClients(stalling).build()) {
            RuntimeFailureException e = assertThrows(RuntimeFailureException.class, p::runOnce);
            assertTrue(
                    e.getMessage().contains("timed out")
                            && e.getMessage().contains("transaction.timeout.ms (2000 ms)")
                            && !e.getMessage().contains("another instance"),
                    e.getMessage());
        }
        assertEquals(0, readAll(topic).size());
    }

    @Test
    void aCommitThatTimesOutIsRetried() throws IOException {
        DeltaFixture f = fixture("basic");
        String topic = kafka.createUniqueTopic("commit-timeout", 1);
        AtomicInteger commits = new AtomicInteger();
        InterceptingClients slowCommit = new InterceptingClients(settings()) {
            @Override
            boolean before(String method) {
                if (method.equals("commitTransaction") && commits.incrementAndGet() == 2) {
                    throw new org.apache.kafka.common.errors.TimeoutException(
                            "Timeout expired after 60000ms while awaiting EndTxn(true)");
                }
                return true;
            }
        };
        List<String> expected = expectedEvents(f);
        try (DeltaToKafkaPipeline p = builder(f, topic).kafkaClients(slowCommit).build()) {
            assertEquals(expected.size(), p.runOnce().records());
        }
        assertEquals(expected, actualEvents(readAll(topic, expected.size())));
    }

    /** Client timeouts far below the defaults, so that an outage of seconds outlasts them. */
    private static Map<String, String> impatient(KafkaCluster cluster) {
        Map<String, String> s = new HashMap<>();
        cluster.clientProperties().forEach((k, v) -> s.put(k, String.valueOf(v)));
        s.put("max.block.ms", "3000");
        s.put("request.timeout.ms", "2000");
        s.put("delivery.timeout.ms", "5000");
        s.put("default.api.timeout.ms", "3000");
        return s;
    }

    @Test
    void continuousModeRidesOutABrokerOutageAndResumesExactlyOnce() throws Exception {
        DeltaFixture f = fixture("basic");
        HiddenCommits later = HiddenCommits.of(f);
        List<String> expected = expectedEvents(f);
        // a broker of its own: the others' tests must not see the outage
        try (KafkaCluster own = KafkaCluster.start()) {
            String topic = own.createUniqueTopic("outage", 2);
            try (DeltaToKafkaPipeline p = builder(f, topic)
                    .kafka(impatient(own))
                    .pollInterval(Duration.ofMillis(200))
                    .build()) {
                CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(p::runContinuously);
                own.readUntil(topic, (int) HiddenCommits.eventsBefore(expected), TIMEOUT);
                own.broker().stopServer();
                later.reveal();
                // the outage itself: longer than every client timeout above
                Thread.sleep(12_000);
                assertTrue(
                        !run.isDone(),
                        "still running during the outage: "
                                + (run.isDone()
                                        ? run.handle((r, e) -> String.valueOf(e))
                                                .join()
                                        : ""));
                own.broker().startServer();
                own.readUntil(topic, expected.size(), Duration.ofSeconds(120));
                p.stop();
                assertEquals(expected.size(), run.get(60, TimeUnit.SECONDS).records());
            }
            List<ConsumedRecord> records = own.readAll(topic, TIMEOUT);
            assertEquals(expected, actualEvents(records), "every change exactly once");
        }
    }

    @Test
    void onceGivesUpWithExit1AfterItsRetryBudgetWhenTheBrokerIsDown() throws Exception {
        DeltaFixture f = fixture("basic");
        try (KafkaCluster own = KafkaCluster.start()) {
            String topic = own.createUniqueTopic("down", 1);
            Map<String, String> settings = impatient(own);
            own.broker().stopServer();
            long start = System.nanoTime();
            try (DeltaToKafkaPipeline p = builder(f, topic).kafka(settings).build()) {
                RuntimeFailureException e = assertThrows(RuntimeFailureException.class, p::runOnce);
                assertEquals(1, e.exitCode().code());
                assertTrue(
                        e.getMessage().contains("gave up after " + DeltaToKafkaPipeline.ONCE_ATTEMPTS + " attempts"),
                        e.getMessage());
            }
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(seconds < 150, "gave up within its budget, took " + seconds + " s");
            own.broker().startServer();
        }
    }
}
