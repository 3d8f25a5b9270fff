package io.deltabridge.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.pipeline.Pipeline;
import io.deltabridge.d2k.DeltaToKafka;
import io.deltabridge.embedded.EmbeddedKafkaBroker;
import io.deltabridge.embedded.ProxiedListener;
import io.deltabridge.k2d.KafkaToDelta;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.DelayingProxy;
import io.deltabridge.testkit.KafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both directions over a slow network: every client of the bridge reaches the broker only through a
 * {@link DelayingProxy} on loopback that holds each chunk for {@value #DELAY_MS} ms each way (the
 * broker advertises the proxy's address on a {@link ProxiedListener}, so the clients do not bypass
 * it after bootstrapping). Nothing may be lost or duplicated: delta → kafka publishes a table of
 * several versions split into many small transactions, kafka → delta lands a few thousand records
 * in small flushes with dead letters.
 */
class SlowNetworkIT {
    private static final int DELAY_MS = 50;
    private static final Duration READ = Duration.ofMinutes(1);

    private static DelayingProxy proxy;
    private static KafkaCluster kafka;

    @BeforeAll
    static void slowBroker() {
        proxy = new DelayingProxy(Duration.ofMillis(DELAY_MS));
        kafka = KafkaCluster.of(new EmbeddedKafkaBroker(Map.of(), null, new ProxiedListener(proxy.port())).start());
        proxy.forwardTo(kafka.broker().proxiedListenerPort());
    }

    @AfterAll
    static void close() {
        kafka.close();
        proxy.close();
    }

    @Test
    void deltaToKafkaPublishesEveryChangeExactlyOnce(@TempDir Path dir) {
        InsightsWorkload table = InsightsWorkload.create(dir.resolve("insights"), new Random(8));
        commit(table, 3);
        String topic = kafka.createUniqueTopic("slow-d2k", 3);
        // uncompressed, so that the bytes through the proxy can be compared with the events'
        Map<String, String> uncompressed = new HashMap<>(throughProxy());
        uncompressed.put("compression.type", "none");
        long bytes = proxy.bytes();
        long started = System.nanoTime();
        try (Pipeline p = DeltaToKafka.builder()
                .bridgeName("slow")
                .mappingName(topic)
                .table(table.path().toString())
                .topic(topic)
                .key("id")
                .columns("id", "segment", "score")
                .changes(ChangeKind.INSERT, ChangeKind.UPDATE, ChangeKind.DELETE)
                .maxRecordsPerTransaction(250)
                .progressTopic(KafkaCluster.uniqueName("progress"))
                .kafka(uncompressed)
                .build()) {
            p.runOnce();
            commit(table, 3); // more versions for a second run, which resumes from its progress
            p.runOnce();
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        // commitTransaction returns before every marker is written: wait for them before the end offsets
        kafka.readUntil(topic, (int) table.expected().events(), READ);
        List<ConsumedRecord> events = kafka.readAll(topic, READ);
        table.expected().assertPublishedOnce(topic, events);
        assertThroughProxy(bytes, events);
        System.out.printf(
                "%s: %d table commits, %d changes published exactly once through a %d ms proxy in %d s%n",
                getClass().getSimpleName(), table.commits(), events.size(), DELAY_MS, seconds);
    }

    @Test
    void kafkaToDeltaLandsEveryRecordExactlyOnce(@TempDir Path dir) {
        String topic = kafka.createUniqueTopic("slow-k2d", 3);
        String deadLetters = kafka.createUniqueTopic("slow-k2d-dlq", 1);
        TopicWorkload records = new TopicWorkload(kafka, topic, new Random(8));
        while (records.goodRecords() < 3_000) {
            records.produceChunk();
        }
        Path table = dir.resolve("landed");
        long bytes = proxy.bytes();
        long started = System.nanoTime();
        try (Pipeline p = KafkaToDelta.builder()
                .bridgeName("slow")
                .name("landing")
                .kafka(throughProxy())
                .topics(topic)
                .table(table.toString())
                .create(true)
                .schema("id BIGINT NOT NULL, name STRING")
                .deadLetterTopic(deadLetters)
                .flush(new FlushPolicy(300, 1 << 20, Duration.ofMillis(500)))
                .build()) {
            p.runOnce();
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        long landed = LandedRows.read(table).assertEveryIdOnce(records.goodRecords());
        List<ConsumedRecord> dead = kafka.readAll(deadLetters, READ);
        records.assertEveryBadRecordDeadLettered(dead);
        assertThroughProxy(bytes, kafka.readAll(topic, READ));
        System.out.printf(
                "%s: %d records landed exactly once, %d bad records dead-lettered, through a %d ms proxy in %d s%n",
                getClass().getSimpleName(), landed, records.badValues().size(), DELAY_MS, seconds);
    }

    private static void commit(InsightsWorkload table, int commits) {
        int target = table.commits() + commits;
        while (table.commits() < target) {
            table.commitSomething();
        }
    }

    /** The bridge's clients know only the proxy's address. */
    private static Map<String, String> throughProxy() {
        return Map.of("bootstrap.servers", kafka.broker().proxiedBootstrapServers());
    }

    /** More bytes went through the proxy since {@code before} than the records' keys and values hold. */
    private static void assertThroughProxy(long before, List<ConsumedRecord> records) {
        long payload = records.stream()
                .mapToLong(r -> length(r.key()) + length(r.value()))
                .sum();
        long proxied = proxy.bytes() - before;
        assertTrue(proxied > payload, proxied + " bytes through the proxy, " + payload + " bytes of records");
    }

    private static long length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
