package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.KeyFormat;
import io.deltabridge.core.config.StartingVersion;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.RuntimeFailureException;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.kafka.PropertiesKafkaClientFactory;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** delta → kafka against a real broker, on Spark's golden change feeds. */
@WithKafkaBroker
class DeltaToKafkaIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SCENARIOS =
            List.of("basic", "partitioned_merge", "deletion_vectors", "all_types", "schema_change", "cdf_enabled_later",
                    "log_cleaned");

    @TempDir
    static Path tmp;

    private static KafkaCluster kafka;
    private static final AtomicInteger SEQ = new AtomicInteger();

    @BeforeAll
    static void broker(KafkaCluster cluster) {
        kafka = cluster;
    }

    private static DeltaFixture fixture(String scenario) {
        return DeltaFixtures.copy(scenario, tmp.resolve(scenario + "-" + SEQ.incrementAndGet()));
    }

    private static DeltaToKafka.Builder builder(DeltaFixture f, String topic) {
        return DeltaToKafka.builder()
                .bridgeName("it").mappingName(topic)
                .table(f.table().toString()).topic(topic).key(f.key().toArray(String[]::new))
                .changes(ChangeKind.INSERT, ChangeKind.UPDATE, ChangeKind.DELETE)
                .kafka(settings())
                .progressTopic("_progress_it");
    }

    private static Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        kafka.clientProperties().forEach((k, v) -> s.put(k, String.valueOf(v)));
        return s;
    }

    /** Spark's change feed without pre-images, as (version, change type, key, value) lines. */
    private static List<String> expectedEvents(DeltaFixture f) {
        List<String> events = new ArrayList<>();
        for (ObjectNode row : f.expectedCdf()) {
            String type = row.get("_change_type").asText();
            if (type.equals("update_preimage")) {
                continue;
            }
            long version = row.get("_commit_version").asLong();
            ObjectNode value = row.deepCopy();
            value.remove(List.of("_change_type", "_commit_version", "_commit_timestamp"));
            ObjectNode key = JSON.createObjectNode();
            f.key().forEach(k -> key.set(k, row.get(k)));
            events.add(version + " " + type + " " + key + " " + (type.equals("delete") ? "null" : value.toString()));
        }
        return sorted(events);
    }

    private static List<String> actualEvents(List<ConsumedRecord> records) throws IOException {
        List<String> events = new ArrayList<>();
        for (ConsumedRecord r : records) {
            JsonNode value = r.isTombstone() ? null : JSON.readTree(r.value());
            events.add(r.headerString("deltabridge.version") + " " + r.headerString("deltabridge.change.type") + " "
                    + JSON.readTree(r.key()) + " " + (value == null ? "null" : value.toString()));
        }
        return sorted(events);
    }

    private static List<String> sorted(List<String> events) {
        // compare JSON objects as trees: re-serialise through Jackson for a canonical text
        List<String> canonical = new ArrayList<>();
        for (String e : events) {
            canonical.add(e);
        }
        canonical.sort(null);
        return canonical;
    }

    private static List<ConsumedRecord> readAll(String topic) {
        return kafka.readAll(topic, TIMEOUT);
    }

    /**
     * Every record once {@code count} are visible: commitTransaction returns before the commit markers
     * reach every partition, so read_committed end offsets taken right after it may lag for a moment.
     */
    private static List<ConsumedRecord> readAll(String topic, int count) {
        kafka.readUntil(topic, count, TIMEOUT);
        return kafka.readAll(topic, TIMEOUT);
    }

    @Test
    void publishesSparksChangeFeedWithLineageHeaders() throws IOException {
        for (String scenario : SCENARIOS) {
            DeltaFixture f = fixture(scenario);
            String topic = kafka.createUniqueTopic("golden-" + scenario.replace('_', '-'), 3);
            List<Long> published = new ArrayList<>();
            PipelineListener listener = new PipelineListener() {
                @Override
                public void onVersionPublished(String mapping, long version, long events) {
                    published.add(version);
                }
            };
            RunSummary summary;
            try (DeltaToKafkaPipeline p = builder(f, topic).listener(listener).build()) {
                summary = p.runOnce();
                assertEquals(0, p.status().lag(), scenario);
                Map<String, Number> metrics = p.metrics().snapshot();
                assertEquals(summary.records(), metrics.get("records.published").longValue(), scenario);
                assertEquals(summary.bytes(), metrics.get("bytes.published").longValue(), scenario);
                assertEquals(0L, metrics.get("lag.versions").longValue(), scenario);
                assertEquals(p.status().latest().get("version"), metrics.get("version.current").longValue(), scenario);
                String plan = String.join("\n", p.validate().lines());
                assertTrue(plan.contains("change data feed on") && plan.contains("published through version"), plan);
            }
            List<String> expected = expectedEvents(f);
            List<ConsumedRecord> records = readAll(topic, expected.size());
            assertEquals(expected.size(), records.size(), scenario);
            assertEquals(expected, actualEvents(records), scenario);
            assertEquals(expected.size(), summary.records(), scenario);
            assertEquals(published.stream().sorted().toList(), published, scenario + ": versions in increasing order");

            Map<Long, Long> commitTimes = new HashMap<>();
            f.expectedCdf().forEach(r -> commitTimes.put(r.get("_commit_version").asLong(),
                    r.get("_commit_timestamp").asLong()));
            Set<String> ceIds = new HashSet<>();
            for (ConsumedRecord r : records) {
                Map<String, String> h = r.headerStrings();
                long version = Long.parseLong(h.get("deltabridge.version"));
                assertEquals(f.tableUri(), h.get("deltabridge.source"));
                assertEquals(f.tableUri(), h.get("ce_source"));
                assertEquals(String.valueOf(commitTimes.get(version)), h.get("deltabridge.commit.timestamp"), scenario);
                assertEquals(java.time.Instant.ofEpochMilli(commitTimes.get(version)).toString(), h.get("ce_time"));
                assertEquals("it", h.get("deltabridge.bridge"));
                assertEquals(topic, h.get("deltabridge.mapping"));
                assertEquals("1.0", h.get("ce_specversion"));
                assertEquals("application/json", h.get("content-type"));
                String type = h.get("deltabridge.change.type");
                assertEquals("io.deltabridge.change." + (type.startsWith("update") ? "update" : type), h.get("ce_type"));
                String tableId = h.get("deltabridge.table.id");
                assertTrue(h.get("ce_id").startsWith(tableId + ":" + version + ":"), h.get("ce_id"));
                assertTrue(ceIds.add(h.get("ce_id")), "ce_id unique: " + h.get("ce_id"));
            }
        }
    }

    @Test
    void splitVersionsCrashAndResumeExactlyOnce() {
        DeltaFixture f = fixture("partitioned_merge");
        String reference = kafka.createUniqueTopic("eos-ref", 3);
        try (DeltaToKafkaPipeline p = builder(f, reference).build()) {
            p.runOnce();
        }
        List<ConsumedRecord> expected = readAll(reference, expectedEvents(f).size());
        assertTrue(expected.size() > 10, "enough events to crash in the middle");

        String topic = kafka.createUniqueTopic("eos", 3);
        int crashes = 0;
        // crash after 1, 4, 7, ... sends: between versions and inside versions split every 2 events
        for (int crashAfter = 1; ; crashAfter += 3) {
            CrashingClients clients = new CrashingClients(crashAfter);
            try (DeltaToKafkaPipeline p = builder(f, topic).mappingName("eos").kafkaClients(clients)
                    .maxRecordsPerTransaction(2).build()) {
                p.runOnce();
                break;
            } catch (RuntimeException e) {
                assertTrue(clients.crashed, "failed only by the simulated crash: " + e);
                crashes++;
            } finally {
                clients.closeCrashed();
            }
        }
        assertTrue(crashes >= 3, "crashed " + crashes + " times");
        List<ConsumedRecord> actual = readAll(topic, expected.size());
        assertEquals(ids(expected), ids(actual), "every change exactly once");
        assertEquals(valuesByCeId(expected), valuesByCeId(actual));
    }

    @Test
    void aNewerInstanceFencesTheOlderOne() {
        DeltaFixture f = fixture("basic");
        String topic = kafka.createUniqueTopic("fence", 2);
        List<String> expected = expectedEvents(f);
        try (DeltaToKafkaPipeline newer = builder(f, topic).mappingName("fence").pollInterval(Duration.ofMillis(100))
                .build()) {
            PipelineListener takeOver = afterFirstVersion(newer::runOnce); // fences the older, publishes the rest
            try (DeltaToKafkaPipeline older = builder(f, topic).mappingName("fence").listener(takeOver).build()) {
                RuntimeFailureException e = assertThrows(RuntimeFailureException.class, older::runContinuously);
                assertTrue(e.getMessage().contains("another instance took over"), e.getMessage());
            }
        }
        List<ConsumedRecord> records = readAll(topic, expected.size());
        assertEquals(expected.size(), records.size());
        assertEquals(expected.size(), ids(records).size());
    }

    @Test
    void overlappingOnceRunsPublishEverythingOnceAndTheOlderExitsCleanly() {
        DeltaFixture f = fixture("basic");
        String topic = kafka.createUniqueTopic("cronjobs", 2);
        List<String> expected = expectedEvents(f);
        // the second CronJob run starts while the first is still publishing its first version
        RunSummary[] newerRun = new RunSummary[1];
        try (DeltaToKafkaPipeline newer = builder(f, topic).mappingName("cron").build()) {
            PipelineListener takeOver = afterFirstVersion(() -> newerRun[0] = newer.runOnce());
            RunSummary olderRun;
            try (DeltaToKafkaPipeline older = builder(f, topic).mappingName("cron").listener(takeOver).build()) {
                olderRun = older.runOnce(); // fenced: ends without an error
            }
            assertEquals(1, olderRun.units(), "the older run published its first version, then was fenced");
            assertEquals(expected.size(), olderRun.records() + newerRun[0].records(), "together: everything once");
        }
        List<ConsumedRecord> records = readAll(topic, expected.size());
        assertEquals(expected.size(), records.size());
        assertEquals(expected.size(), ids(records).size(), "no duplicates");
    }

    /** A listener that runs {@code action} once, when the first version is published. */
    private static PipelineListener afterFirstVersion(Runnable action) {
        AtomicInteger calls = new AtomicInteger();
        return new PipelineListener() {
            @Override
            public void onVersionPublished(String mapping, long version, long events) {
                if (calls.getAndIncrement() == 0) {
                    action.run();
                }
            }
        };
    }

    @Test
    void aRunWithNothingNewOpensNoProducerAndPublishesNothing() {
        DeltaFixture f = fixture("basic");
        String topic = kafka.createUniqueTopic("idle", 1);
        try (DeltaToKafkaPipeline first = builder(f, topic).build()) {
            assertTrue(first.runOnce().records() > 0);
        }
        AtomicInteger producers = new AtomicInteger();
        KafkaClientFactory real = new PropertiesKafkaClientFactory(settings());
        KafkaClientFactory counting = new KafkaClientFactory() {
            @Override
            public Producer<byte[], byte[]> producer(Map<String, Object> overrides) {
                producers.incrementAndGet();
                return real.producer(overrides);
            }

            @Override
            public org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer(Map<String, Object> overrides) {
                return real.consumer(overrides);
            }

            @Override
            public org.apache.kafka.clients.admin.Admin admin() {
                return real.admin();
            }

            @Override
            public Map<String, String> settings() {
                return real.settings();
            }
        };
        try (DeltaToKafkaPipeline again = builder(f, topic).kafkaClients(counting).build()) {
            RunSummary idle = again.runOnce();
            assertEquals(0, idle.records());
            assertEquals(0, idle.units());
            assertEquals(0, producers.get(), "an up-to-date --once run must not create (and fence with) a producer");
            assertEquals(0L, again.metrics().snapshot().get("lag.versions").longValue());
        }
        assertEquals(expectedEvents(f).size(), readAll(topic, expectedEvents(f).size()).size());
    }

    @Test
    void startingVersionAppliesOnlyWithoutProgress() throws IOException {
        DeltaFixture f = fixture("basic");
        String topic = kafka.createUniqueTopic("start", 1);
        try (DeltaToKafkaPipeline p = builder(f, topic).mappingName("start-at-2")
                .startingVersion(new StartingVersion.AtVersion(2)).build()) {
            p.runOnce();
        }
        List<String> expected = expectedEvents(f).stream().filter(e -> Long.parseLong(e.split(" ")[0]) >= 2).toList();
        assertEquals(expected, actualEvents(readAll(topic, expected.size())));
        // a second run with another starting version resumes from progress: nothing new
        try (DeltaToKafkaPipeline p = builder(f, topic).mappingName("start-at-2")
                .startingVersion(new StartingVersion.Earliest()).build()) {
            assertEquals(0, p.runOnce().records());
        }
        String latestTopic = kafka.createUniqueTopic("start-latest", 1);
        try (DeltaToKafkaPipeline p = builder(f, latestTopic).startingVersion(new StartingVersion.Latest()).build()) {
            assertEquals(0, p.runOnce().records());
            assertEquals(0, p.status().lag());
        }
        assertEquals(0, readAll(latestTopic).size());

        // a timestamp: the first version committed at or after it
        long v3 = f.commits().stream().filter(c -> c.get("version").asLong() == 3).findFirst().orElseThrow()
                .get("commitTimestamp").asLong();
        String tsTopic = kafka.createUniqueTopic("start-ts", 1);
        try (DeltaToKafkaPipeline p = builder(f, tsTopic).startingVersion(
                new StartingVersion.AtTimestamp(java.time.Instant.ofEpochMilli(v3 - 1))).build()) {
            p.runOnce();
        }
        List<String> fromV3 = expectedEvents(f).stream().filter(e -> Long.parseLong(e.split(" ")[0]) >= 3).toList();
        assertEquals(fromV3, actualEvents(readAll(tsTopic, fromV3.size())));
    }

    /** Moves the commits of versions 3 and 4 of {@code f} aside; {@link HiddenCommits#reveal()} brings them back. */
    private record HiddenCommits(Path log, Path hidden, List<Path> commits) {
        static HiddenCommits of(DeltaFixture f) throws IOException {
            Path log = f.table().resolve("_delta_log");
            List<Path> later = new ArrayList<>();
            try (var files = Files.list(log)) {
                files.filter(p -> p.getFileName().toString().matches("0+[34]\\.json")).sorted().forEach(later::add);
            }
            assertEquals(2, later.size());
            Path hidden = Files.createDirectories(tmp.resolve("hidden-" + SEQ.incrementAndGet()));
            for (Path p : later) {
                Files.move(p, hidden.resolve(p.getFileName()));
            }
            return new HiddenCommits(log, hidden, later);
        }

        void reveal() throws IOException {
            for (Path p : commits) {
                Files.move(hidden.resolve(p.getFileName()), p);
            }
        }

        static long eventsBefore(List<String> expected) {
            return expected.stream().filter(e -> Long.parseLong(e.split(" ")[0]) < 3).count();
        }
    }

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
        try (Producer<byte[], byte[]> foreign = kafka.newProducer(Map.of(
                "transactional.id", KafkaCluster.uniqueName("foreign"), "transaction.timeout.ms", 15_000))) {
            foreign.initTransactions();
            foreign.beginTransaction();
            foreign.send(new org.apache.kafka.clients.producer.ProducerRecord<>(progress, 0, "other/mapping".getBytes(),
                    "{}".getBytes()));
            foreign.flush();
            later.reveal();
            try (DeltaToKafkaPipeline p = builder(f, topic).progressTopic(progress).build()) {
                assertEquals(expected.size() - HiddenCommits.eventsBefore(expected), p.runOnce().records());
            }
            // its progress now lies behind the foreign transaction: a new run must still see it
            try (DeltaToKafkaPipeline p = builder(f, topic).progressTopic(progress).build()) {
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
                % partitions == 0) {
            partitions++;
        }
        kafka.admin().createPartitions(Map.of(progress,
                org.apache.kafka.clients.admin.NewPartitions.increaseTo(partitions))).all().get(60, TimeUnit.SECONDS);
        try (DeltaToKafkaPipeline p = builder(f, topic).progressTopic(progress).build()) {
            assertEquals(0, p.runOnce().records(), "nothing republished after growing to " + partitions + " partitions");
        }
        assertEquals(expectedEvents(f), actualEvents(readAll(topic, expectedEvents(f).size())));
    }

    @Test
    void aProgressTopicThatDeletesRecordsIsRefused() {
        DeltaFixture f = fixture("basic");
        String progress = KafkaCluster.uniqueName("_progress_delete_policy");
        kafka.createTopic(progress, 1, Map.of("cleanup.policy", "delete"));
        String topic = kafka.createUniqueTopic("delete-policy", 1);
        try (DeltaToKafkaPipeline p = builder(f, topic).progressTopic(progress).build()) {
            ConfigException e = assertThrows(ConfigException.class, p::runOnce);
            assertTrue(e.getMessage().contains("cleanup.policy=delete") && e.getMessage().contains(progress)
                    && e.getMessage().contains("cleanup.policy=compact"), e.getMessage());
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
        try (DeltaToKafkaPipeline p = builder(f, topic).progressTopic(progress).resetProgress(true).build()) {
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
    void continuousModePicksUpNewCommitsAndStopsCleanly() throws Exception {
        DeltaFixture f = fixture("basic");
        // hide the last commits, publish continuously, then let them appear
        HiddenCommits later = HiddenCommits.of(f);
        String topic = kafka.createUniqueTopic("continuous", 2);
        List<String> expected = expectedEvents(f);
        try (DeltaToKafkaPipeline p = builder(f, topic).pollInterval(Duration.ofMillis(200)).build()) {
            CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(p::runContinuously);
            long early = HiddenCommits.eventsBefore(expected);
            assertEquals(early, kafka.readUntil(topic, (int) early, TIMEOUT).size());
            later.reveal();
            List<ConsumedRecord> all = kafka.readUntil(topic, expected.size(), TIMEOUT);
            assertEquals(expected, actualEvents(all));
            p.stop();
            RunSummary summary = run.get(60, TimeUnit.SECONDS);
            assertEquals(expected.size(), summary.records());
        }
    }

    @Test
    void aTableRecreatedWhileRunningContinuouslyStopsTheMapping() throws Exception {
        DeltaFixture f = fixture("basic");
        String topic = kafka.createUniqueTopic("recreated", 1);
        List<String> expected = expectedEvents(f);
        try (DeltaToKafkaPipeline p = builder(f, topic).pollInterval(Duration.ofMillis(200)).build()) {
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
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> run.get(60, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof io.deltabridge.core.error.DataException, e.getCause().toString());
            String message = e.getCause().getMessage();
            assertTrue(message.contains(oldId) && message.contains(newId) && message.contains("--reset-progress"),
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
            assertTrue(message.contains("version 1") && message.contains("max.request.size")
                    && message.contains("max.message.bytes") && !message.contains("error state"), message);
        }
        assertEquals(0, readAll(topic).size());
    }

    @Test
    void aNullKeyForACompactedTopicIsReportedBeforeSending() {
        DeltaFixture f = fixture("all_types");
        String topic = KafkaCluster.uniqueName("null-key");
        kafka.createCompactedTopic(topic, 1);
        // c_string is null in a row of version 2
        try (DeltaToKafkaPipeline p = builder(f, topic).key("c_string").keyFormat(KeyFormat.STRING).build()) {
            io.deltabridge.core.error.DataException e =
                    assertThrows(io.deltabridge.core.error.DataException.class, p::runOnce);
            String message = e.getMessage();
            assertTrue(message.contains("version 2") && message.contains("c_string") && message.contains("compact"),
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
        try (DeltaToKafkaPipeline p = builder(f, topic).kafka(shortTransactions).eventFormat(() -> slow).build()) {
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
            assertTrue(e.getMessage().contains("timed out") && e.getMessage().contains("transaction.timeout.ms (2000 ms)")
                    && !e.getMessage().contains("another instance"), e.getMessage());
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
            try (DeltaToKafkaPipeline p = builder(f, topic).kafka(impatient(own)).pollInterval(Duration.ofMillis(200))
                    .build()) {
                CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(p::runContinuously);
                own.readUntil(topic, (int) HiddenCommits.eventsBefore(expected), TIMEOUT);
                own.broker().stopServer();
                later.reveal();
                // the outage itself: longer than every client timeout above
                Thread.sleep(12_000);
                assertTrue(!run.isDone(), "still running during the outage: " + (run.isDone() ? run.handle(
                        (r, e) -> String.valueOf(e)).join() : ""));
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
                assertTrue(e.getMessage().contains("gave up after " + RunRetries.ONCE_RETRIES + " retries"),
                        e.getMessage());
            }
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(seconds < 150, "gave up within its budget, took " + seconds + " s");
            own.broker().startServer();
        }
    }

    @Test
    void debeziumEnvelopeWithBeforeAfterAndTombstones() throws IOException {
        DeltaFixture f = fixture("basic");
        String topic = kafka.createUniqueTopic("debezium", 1);
        try (DeltaToKafkaPipeline p = builder(f, topic).envelope(Envelope.DEBEZIUM).keyFormat(KeyFormat.STRING).build()) {
            p.runOnce();
        }
        Map<String, ObjectNode> preimages = new HashMap<>();
        for (ObjectNode row : f.expectedCdf()) {
            if (row.get("_change_type").asText().equals("update_preimage")) {
                ObjectNode v = row.deepCopy();
                v.remove(List.of("_change_type", "_commit_version", "_commit_timestamp"));
                preimages.put(row.get("_commit_version").asText() + "/" + row.get("id").asText(), v);
            }
        }
        long deletes = f.expectedCdf().stream().filter(r -> r.get("_change_type").asText().equals("delete")).count();
        List<ConsumedRecord> records = readAll(topic, (int) (expectedEvents(f).size() + deletes));
        int updates = 0;
        for (int i = 0; i < records.size(); i++) {
            ConsumedRecord r = records.get(i);
            String type = r.headerString("deltabridge.change.type");
            JsonNode value = JSON.readTree(r.value());
            String id = r.keyString();
            assertEquals(String.valueOf(value.path(type.equals("delete") ? "before" : "after").path("id").asLong()), id);
            assertEquals(f.tableUri(), value.get("source").get("table").asText());
            assertEquals(r.headerString("deltabridge.version"), value.get("source").get("version").asText());
            switch (type) {
                case "insert" -> {
                    assertEquals("c", value.get("op").asText());
                    assertTrue(value.get("before").isNull());
                }
                case "update_postimage" -> {
                    assertEquals("u", value.get("op").asText());
                    assertEquals(preimages.get(r.headerString("deltabridge.version") + "/" + id), value.get("before"));
                    updates++;
                }
                case "delete" -> {
                    assertEquals("d", value.get("op").asText());
                    assertTrue(value.get("after").isNull());
                    ConsumedRecord tombstone = records.get(++i);
                    assertTrue(tombstone.isTombstone());
                    assertEquals(id, tombstone.keyString());
                }
                default -> throw new AssertionError(type);
            }
        }
        assertTrue(updates > 0);
    }

    @Test
    void projectionKeepsKeyColumnsAndChangesFilterSkipsDeletes() throws IOException {
        DeltaFixture f = fixture("basic");
        String topic = kafka.createUniqueTopic("projection", 1);
        try (DeltaToKafkaPipeline p = builder(f, topic).columns("name").changes(ChangeKind.INSERT, ChangeKind.UPDATE)
                .build()) {
            p.runOnce();
        }
        long expected = expectedEvents(f).stream().filter(e -> !e.contains(" delete ")).count();
        List<ConsumedRecord> records = readAll(topic, (int) expected);
        assertEquals(expected, records.size());
        for (ConsumedRecord r : records) {
            JsonNode value = JSON.readTree(r.value());
            assertEquals(List.of("id", "name"), iterable(value.fieldNames()));
        }
    }

    @Test
    void missingKeyColumnIsAConfigurationError() {
        DeltaFixture f = fixture("basic");
        try (DeltaToKafkaPipeline p = builder(f, "never").key("customer").build()) {
            ConfigException e = assertThrows(ConfigException.class, p::runOnce);
            assertTrue(e.getMessage().contains("Key column 'customer'"), e.getMessage());
            assertThrows(ConfigException.class, p::validate);
        }
        try (DeltaToKafkaPipeline p = builder(f, "never").key("id", "name").keyFormat(KeyFormat.STRING).build()) {
            ConfigException e = assertThrows(ConfigException.class, p::validate);
            assertTrue(e.getMessage().contains("key-format string needs exactly one key column"), e.getMessage());
        }
        ConfigException avro = assertThrows(ConfigException.class,
                () -> builder(f, "never").format(io.deltabridge.core.config.Format.AVRO).build());
        assertTrue(avro.getMessage().contains("needs a schema registry"), avro.getMessage());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    private static List<String> ids(List<ConsumedRecord> records) {
        return records.stream().map(r -> r.headerString("ce_id")).sorted().distinct().toList();
    }

    private static Map<String, String> valuesByCeId(List<ConsumedRecord> records) {
        Map<String, String> m = new TreeMap<>();
        records.forEach(r -> assertNull(m.put(r.headerString("ce_id"), r.keyString() + "=" + r.valueString()),
                "duplicate " + r.headerString("ce_id")));
        return m;
    }

    /** Real clients whose producer calls pass {@link #before} first, which may delay, fail or skip them. */
    private static class InterceptingClients implements KafkaClientFactory {
        private final KafkaClientFactory real;
        Producer<byte[], byte[]> producer;

        InterceptingClients(Map<String, String> settings) {
            this.real = new PropertiesKafkaClientFactory(settings);
        }

        /** Called before every producer call; false skips the call (it returns null). */
        boolean before(String method) throws Exception {
            return true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Producer<byte[], byte[]> producer(Map<String, Object> overrides) {
            producer = real.producer(overrides);
            return (Producer<byte[], byte[]>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                        if (!before(method.getName())) {
                            return null;
                        }
                        try {
                            return method.invoke(producer, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Consumer<byte[], byte[]> consumer(Map<String, Object> overrides) {
            return real.consumer(overrides);
        }

        @Override
        public Admin admin() {
            return real.admin();
        }

        @Override
        public Map<String, String> settings() {
            return real.settings();
        }
    }

    /** Real clients whose producer dies (no abort, no close) after a number of event sends: a crash. */
    private static final class CrashingClients extends InterceptingClients {
        private final int crashAfter;
        private final AtomicInteger sends = new AtomicInteger();
        volatile boolean crashed;

        CrashingClients(int crashAfter) {
            super(DeltaToKafkaIT.settings());
            this.crashAfter = crashAfter;
        }

        @Override
        boolean before(String method) {
            if (crashed) {
                return false; // a dead process does nothing more
            }
            if (method.equals("send") && sends.incrementAndGet() > crashAfter) {
                crashed = true;
                throw new KafkaException("simulated crash after " + crashAfter + " sends");
            }
            return true;
        }

        void closeCrashed() {
            if (crashed && producer != null) {
                producer.close(Duration.ZERO);
            }
        }
    }
}
