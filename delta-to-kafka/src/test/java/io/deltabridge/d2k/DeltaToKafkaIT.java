package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.HeaderSet;
import io.deltabridge.core.config.KeyFormat;
import io.deltabridge.core.config.StartingVersion;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.RuntimeFailureException;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.kafka.PropertiesKafkaClientFactory;
import io.deltabridge.core.lineage.LineageHeaders;
import io.deltabridge.core.metrics.BridgeMeter;
import io.deltabridge.core.metrics.MappingMeters;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.DeltaFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
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
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

/** delta → kafka against a real broker, on Spark's golden change feeds. */
class DeltaToKafkaIT extends DeltaToKafkaITSupport {
    private static final List<String> SCENARIOS = List.of(
            "basic",
            "partitioned_merge",
            "deletion_vectors",
            "all_types",
            "schema_change",
            "cdf_enabled_later",
            "log_cleaned");

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
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (DeltaToKafkaPipeline p =
                    builder(f, topic).listener(listener).meterRegistry(registry).build()) {
                summary = p.runOnce();
                assertEquals(0, p.status().lag(), scenario);
                MappingMeters metrics = new MappingMeters(registry, "it", topic);
                assertEquals(summary.records(), metrics.value(BridgeMeter.RECORDS_OUT, -1), scenario);
                assertEquals(summary.bytes(), metrics.value(BridgeMeter.BYTES_OUT, -1), scenario);
                assertEquals(0L, metrics.value(BridgeMeter.LAG_VERSIONS, -1), scenario);
                assertEquals(
                        p.status().latest().get("version"), metrics.value(BridgeMeter.VERSION_CURRENT, -1), scenario);
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
            f.expectedCdf()
                    .forEach(r -> commitTimes.put(
                            r.get("_commit_version").asLong(),
                            r.get("_commit_timestamp").asLong()));
            Set<String> ceIds = new HashSet<>();
            for (ConsumedRecord r : records) {
                Map<String, String> h = r.headerStrings();
                long version = Long.parseLong(h.get("deltabridge.version"));
                assertEquals(f.tableUri(), h.get("deltabridge.source"));
                assertEquals(f.tableUri(), h.get("ce_source"));
                assertEquals(String.valueOf(commitTimes.get(version)), h.get("deltabridge.commit.timestamp"), scenario);
                assertEquals(
                        java.time.Instant.ofEpochMilli(commitTimes.get(version)).toString(), h.get("ce_time"));
                assertEquals("it", h.get("deltabridge.bridge"));
                assertEquals(topic, h.get("deltabridge.mapping"));
                assertEquals("1.0", h.get("ce_specversion"));
                assertEquals("application/json", h.get("content-type"));
                String type = h.get("deltabridge.change.type");
                assertEquals(
                        "io.deltabridge.change." + (type.startsWith("update") ? "update" : type), h.get("ce_type"));
                String tableId = h.get("deltabridge.table.id");
                assertTrue(h.get("ce_id").startsWith(tableId + ":" + version + ":"), h.get("ce_id"));
                assertTrue(ceIds.add(h.get("ce_id")), "ce_id unique: " + h.get("ce_id"));
            }
        }
    }

    @Test
    void headersLineageWritesTheDeltabridgeHeadersAloneOnTheSameEvents() throws IOException {
        DeltaFixture f = fixture("basic");
        String topic = kafka.createUniqueTopic("lineage-headers", 3);
        try (DeltaToKafkaPipeline p =
                builder(f, topic).headers(HeaderSet.LINEAGE).build()) {
            p.runOnce();
        }
        List<String> expected = expectedEvents(f);
        List<ConsumedRecord> records = readAll(topic, expected.size());
        assertEquals(expected, actualEvents(records));
        List<String> lineage = LineageHeaders.ALL.stream()
                .filter(name -> name.startsWith("deltabridge."))
                .toList();
        for (ConsumedRecord r : records) {
            assertEquals(lineage, List.copyOf(r.headerStrings().keySet()));
            assertEquals(f.tableUri(), r.headerStrings().get("deltabridge.source"));
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
        // crash after 1, 4, 7, ... sends: between versions and inside versions split every 2 events
        int crashes = CrashingClients.runUntilDone(
                run -> 1 + 3 * run,
                clients -> builder(f, topic)
                        .mappingName("eos")
                        .kafkaClients(clients)
                        .maxRecordsPerTransaction(2)
                        .build());
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
        try (DeltaToKafkaPipeline newer = builder(f, topic)
                .mappingName("fence")
                .pollInterval(Duration.ofMillis(100))
                .build()) {
            PipelineListener takeOver = afterFirstVersion(newer::runOnce); // fences the older, publishes the rest
            // version 1 (5 events) fills a transaction of its own: the takeover comes before the older sends the rest
            try (DeltaToKafkaPipeline older = builder(f, topic)
                    .mappingName("fence")
                    .listener(takeOver)
                    .maxRecordsPerTransaction(FIRST_VERSION_EVENTS)
                    .build()) {
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
            try (DeltaToKafkaPipeline older = builder(f, topic)
                    .mappingName("cron")
                    .listener(takeOver)
                    .maxRecordsPerTransaction(FIRST_VERSION_EVENTS)
                    .build()) {
                olderRun = older.runOnce(); // fenced: ends without an error
            }
            assertEquals(1, olderRun.units(), "the older run published its first version, then was fenced");
            assertEquals(expected.size(), olderRun.records() + newerRun[0].records(), "together: everything once");
        }
        List<ConsumedRecord> records = readAll(topic, expected.size());
        assertEquals(expected.size(), records.size());
        assertEquals(expected.size(), ids(records).size(), "no duplicates");
    }

    /** The events of version 1 of the basic fixture; as max-transaction-records, no later version joins its transaction. */
    private static final int FIRST_VERSION_EVENTS = 5;

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
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DeltaToKafkaPipeline again =
                builder(f, topic).kafkaClients(counting).meterRegistry(registry).build()) {
            RunSummary idle = again.runOnce();
            assertEquals(0, idle.records());
            assertEquals(0, idle.units());
            assertEquals(0, producers.get(), "an up-to-date --once run must not create (and fence with) a producer");
            assertEquals(0L, new MappingMeters(registry, "it", topic).value(BridgeMeter.LAG_VERSIONS, -1));
        }
        assertEquals(
                expectedEvents(f).size(),
                readAll(topic, expectedEvents(f).size()).size());
    }

    @Test
    void aRunWithNothingNewDoesNotWaitForTheProgressReadersLongPoll() {
        DeltaFixture f = fixture("basic");
        String topic = kafka.createUniqueTopic("idle-poll", 1);
        // a consumer that has read to the end of the progress partition has its next fetch waiting this long
        // at the broker; closing it must not wait for that fetch
        Map<String, String> longPoll = new HashMap<>(settings());
        longPoll.put("fetch.max.wait.ms", "10000");
        try (DeltaToKafkaPipeline first = builder(f, topic).kafka(longPoll).build()) {
            assertTrue(first.runOnce().records() > 0);
        }
        try (DeltaToKafkaPipeline again = builder(f, topic).kafka(longPoll).build()) {
            long start = System.nanoTime();
            assertEquals(0, again.runOnce().records());
            Duration idle = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(idle.compareTo(Duration.ofSeconds(10)) < 0, "an up-to-date run took " + idle);
        }
    }

    @Test
    void startingVersionAppliesOnlyWithoutProgress() throws IOException {
        DeltaFixture f = fixture("basic");
        String topic = kafka.createUniqueTopic("start", 1);
        try (DeltaToKafkaPipeline p = builder(f, topic)
                .mappingName("start-at-2")
                .startingVersion(new StartingVersion.AtVersion(2))
                .build()) {
            p.runOnce();
        }
        List<String> expected = expectedEvents(f).stream()
                .filter(e -> Long.parseLong(e.split(" ")[0]) >= 2)
                .toList();
        assertEquals(expected, actualEvents(readAll(topic, expected.size())));
        // a second run with another starting version resumes from progress: nothing new
        try (DeltaToKafkaPipeline p = builder(f, topic)
                .mappingName("start-at-2")
                .startingVersion(new StartingVersion.Earliest())
                .build()) {
            assertEquals(0, p.runOnce().records());
        }
        String latestTopic = kafka.createUniqueTopic("start-latest", 1);
        try (DeltaToKafkaPipeline p = builder(f, latestTopic)
                .startingVersion(new StartingVersion.Latest())
                .build()) {
            assertEquals(0, p.runOnce().records());
            assertEquals(0, p.status().lag());
        }
        assertEquals(0, readAll(latestTopic).size());

        // a timestamp: the first version committed at or after it
        long v3 = f.commits().stream()
                .filter(c -> c.get("version").asLong() == 3)
                .findFirst()
                .orElseThrow()
                .get("commitTimestamp")
                .asLong();
        String tsTopic = kafka.createUniqueTopic("start-ts", 1);
        try (DeltaToKafkaPipeline p = builder(f, tsTopic)
                .startingVersion(new StartingVersion.AtTimestamp(java.time.Instant.ofEpochMilli(v3 - 1)))
                .build()) {
            p.runOnce();
        }
        List<String> fromV3 = expectedEvents(f).stream()
                .filter(e -> Long.parseLong(e.split(" ")[0]) >= 3)
                .toList();
        assertEquals(fromV3, actualEvents(readAll(tsTopic, fromV3.size())));
    }

    @Test
    void continuousModePicksUpNewCommitsAndStopsCleanly() throws Exception {
        DeltaFixture f = fixture("basic");
        // hide the last commits, publish continuously, then let them appear
        HiddenCommits later = HiddenCommits.of(f);
        String topic = kafka.createUniqueTopic("continuous", 2);
        List<String> expected = expectedEvents(f);
        try (DeltaToKafkaPipeline p =
                builder(f, topic).pollInterval(Duration.ofMillis(200)).build()) {
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
    void debeziumEnvelopeWithBeforeAfterAndTombstones() throws IOException {
        DeltaFixture f = fixture("basic");
        String topic = kafka.createUniqueTopic("debezium", 1);
        try (DeltaToKafkaPipeline p = builder(f, topic)
                .envelope(Envelope.DEBEZIUM)
                .keyFormat(KeyFormat.STRING)
                .build()) {
            p.runOnce();
        }
        Map<String, ObjectNode> preimages = new HashMap<>();
        for (ObjectNode row : f.expectedCdf()) {
            if (row.get("_change_type").asText().equals("update_preimage")) {
                ObjectNode v = row.deepCopy();
                v.remove(List.of("_change_type", "_commit_version", "_commit_timestamp"));
                preimages.put(
                        row.get("_commit_version").asText() + "/"
                                + row.get("id").asText(),
                        v);
            }
        }
        long deletes = f.expectedCdf().stream()
                .filter(r -> r.get("_change_type").asText().equals("delete"))
                .count();
        List<ConsumedRecord> records = readAll(topic, (int) (expectedEvents(f).size() + deletes));
        int updates = 0;
        for (int i = 0; i < records.size(); i++) {
            ConsumedRecord r = records.get(i);
            String type = r.headerString("deltabridge.change.type");
            JsonNode value = JSON.readTree(r.value());
            String id = r.keyString();
            assertEquals(
                    String.valueOf(value.path(type.equals("delete") ? "before" : "after")
                            .path("id")
                            .asLong()),
                    id);
            assertEquals(f.tableUri(), value.get("source").get("table").asText());
            assertEquals(
                    r.headerString("deltabridge.version"),
                    value.get("source").get("version").asText());
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
        try (DeltaToKafkaPipeline p = builder(f, topic)
                .columns("name")
                .changes(ChangeKind.INSERT, ChangeKind.UPDATE)
                .build()) {
            p.runOnce();
        }
        long expected =
                expectedEvents(f).stream().filter(e -> !e.contains(" delete ")).count();
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
        try (DeltaToKafkaPipeline p = builder(f, "never")
                .key("id", "name")
                .keyFormat(KeyFormat.STRING)
                .build()) {
            ConfigException e = assertThrows(ConfigException.class, p::validate);
            assertTrue(e.getMessage().contains("key-format string needs exactly one key column"), e.getMessage());
        }
        ConfigException avro = assertThrows(
                ConfigException.class,
                () -> builder(f, "never")
                        .format(io.deltabridge.core.config.Format.AVRO)
                        .build());
        assertTrue(avro.getMessage().contains("needs a schema registry"), avro.getMessage());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    private static Map<String, String> valuesByCeId(List<ConsumedRecord> records) {
        Map<String, String> m = new TreeMap<>();
        records.forEach(r -> assertNull(
                m.put(r.headerString("ce_id"), r.keyString() + "=" + r.valueString()),
                "duplicate " + r.headerString("ce_id")));
        return m;
    }
}
