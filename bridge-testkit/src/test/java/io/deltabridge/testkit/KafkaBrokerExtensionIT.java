package io.deltabridge.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.embedded.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@WithKafkaBroker
class KafkaBrokerExtensionIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static KafkaCluster fromBeforeAll;

    @BeforeAll
    static void injectedIntoBeforeAll(KafkaCluster kafka) {
        fromBeforeAll = kafka;
    }

    @Test
    void injectsOneBrokerPerClass(KafkaCluster kafka, EmbeddedKafkaBroker broker) {
        assertSame(fromBeforeAll, kafka);
        assertSame(kafka.broker(), broker);
        assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"));
    }

    @Test
    void readAllWaitsForATransactionBeingCommittedAsItStarts(KafkaCluster kafka) throws Exception {
        // stands for commit markers still on their way after commitTransaction() returned: the read starts while
        // the transaction is pending and must include it once it is committed
        String topic = kafka.createUniqueTopic("pending", 1);
        try (KafkaProducer<byte[], byte[]> tx =
                kafka.newProducer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, KafkaCluster.uniqueName("tx")))) {
            tx.initTransactions();
            tx.beginTransaction();
            tx.send(record(topic, 0, "a", "pending")).get();
            Thread committer = new Thread(() -> {
                sleepQuietly(Duration.ofMillis(1_000));
                tx.commitTransaction();
            });
            committer.start();
            List<ConsumedRecord> records = kafka.readAll(topic, TIMEOUT);
            committer.join();
            assertEquals(1, records.size(), records.toString());
        }
    }

    @Test
    void readAllSeesOnlyCommittedTransactionsWithHeaders(KafkaCluster kafka) throws Exception {
        String topic = kafka.createUniqueTopic("tx", 2);
        try (KafkaProducer<byte[], byte[]> tx =
                kafka.newProducer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, KafkaCluster.uniqueName("tx")))) {
            tx.initTransactions();
            tx.beginTransaction();
            tx.send(record(topic, 0, "a", "committed")).get();
            tx.commitTransaction();
            tx.beginTransaction();
            tx.send(record(topic, 1, "b", "aborted")).get();
            tx.abortTransaction();
        }
        kafka.produce(topic, "c", "plain", Map.of("deltabridge.version", "3"));
        kafka.produce(topic, "a", null);

        List<ConsumedRecord> records = kafka.readAll(topic, TIMEOUT);
        assertEquals(3, records.size(), records.toString());
        assertTrue(records.stream().noneMatch(r -> "aborted".equals(r.valueString())), records.toString());
        ConsumedRecord plain = records.stream()
                .filter(r -> "c".equals(r.keyString()))
                .findFirst()
                .orElseThrow();
        assertEquals("3", plain.headerString("deltabridge.version"));
        assertEquals(Map.of("deltabridge.version", "3"), plain.headerStrings());
        assertTrue(records.stream().anyMatch(r -> "a".equals(r.keyString()) && r.isTombstone()));

        assertEquals(3, kafka.readUntil(topic, 3, TIMEOUT).size());
        Map<TopicPartition, Long> end = kafka.endOffsets(topic);
        // the log also holds the aborted record and one control record per transaction
        assertEquals(
                records.size() + 1 + 2,
                end.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void readUntilFailsWhenTooFewRecordsArrive(KafkaCluster kafka) {
        String topic = kafka.createUniqueTopic("few", 1);
        kafka.produce(topic, "k", "v");
        AssertionError e = assertThrows(AssertionError.class, () -> kafka.readUntil(topic, 2, Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains("read 1 of 2"), e.getMessage());
        assertThrows(AssertionError.class, () -> kafka.readAll("no-such-topic", Duration.ofSeconds(5)));
    }

    @Nested
    class NestedClass {
        @Test
        void reusesTheOuterBroker(KafkaCluster kafka) {
            assertSame(fromBeforeAll, kafka);
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int partition, String key, String value) {
        return new ProducerRecord<>(
                topic,
                partition,
                key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
