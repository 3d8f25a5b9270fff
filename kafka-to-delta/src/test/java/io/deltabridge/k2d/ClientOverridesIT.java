package io.deltabridge.k2d;

import static io.deltabridge.k2d.KafkaToDeltaIT.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ConfigLoader;
import io.deltabridge.core.pipeline.Bridge;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-role blocks of a mapping file reach the real clients: the top-level {@code consumer:}
 * every consumer, a mapping's own {@code consumer:} / {@code producer:} only that mapping's clients,
 * over the top-level ones. Interceptors (themselves set through the blocks) record what each client got.
 */
@WithKafkaBroker
class ClientOverridesIT {
    /** The settings each client was built with, by client id. */
    static final Map<String, Map<String, ?>> CONFIGS = new ConcurrentHashMap<>();
    /** The largest number of records one poll returned, by client id. */
    static final Map<String, Integer> LARGEST_POLL = new ConcurrentHashMap<>();

    static final AtomicInteger DEAD_LETTERS_SENT = new AtomicInteger();

    @Test
    void eachClientGetsTheSharedSettingsItsRolesAndItsMappingsOwn(KafkaCluster kafka, @TempDir Path dir) {
        String tuned = Topics.create(kafka, "tuned", 1);
        String plain = Topics.create(kafka, "plain", 1);
        String dlq = Topics.create(kafka, "tuned-dlq", 1);
        for (String topic : List.of(tuned, plain)) {
            KafkaToDeltaIT.produceRows(kafka, topic, 0, 20, 1);
        }
        kafka.produce(List.of(record(tuned, 0, null, "not json", Map.of())));
        BridgeConfig config = ConfigLoader.load(
                """
                name: roles
                kafka: { bootstrap.servers: "%s" }
                consumer: { interceptor.classes: %s, fetch.min.bytes: 2 }
                producer: { linger.ms: 7 }
                mappings:
                  - name: tuned-in
                    from: { kafka: [%s] }
                    to: { delta: "%s", create: true, schema: "%s" }
                    dead-letter-topic: %s
                    consumer: { max.poll.records: 3 }
                    producer: { interceptor.classes: %s, linger.ms: 9 }
                  - name: plain-in
                    from: { kafka: [%s] }
                    to: { delta: "%s", create: true, schema: "%s" }
                """.formatted(
                                kafka.bootstrapServers(),
                                Consumers.class.getName(),
                                tuned,
                                dir.resolve("tuned"),
                                KafkaToDeltaIT.DDL,
                                dlq,
                                Producers.class.getName(),
                                plain,
                                dir.resolve("plain"),
                                KafkaToDeltaIT.DDL),
                "roles.yaml",
                Map.of());

        try (Bridge bridge = Bridge.builder().config(config).build()) {
            bridge.runOnce().summaries().forEach(s -> assertEquals(20, s.records(), s.toString()));
        }

        String tunedConsumer = clientId("roles.tuned-in-");
        String plainConsumer = clientId("roles.plain-in-");
        assertEquals("3", CONFIGS.get(tunedConsumer).get("max.poll.records"), "the mapping's own consumer block");
        assertTrue(
                LARGEST_POLL.get(tunedConsumer) <= 3,
                "a poll returned " + LARGEST_POLL.get(tunedConsumer) + " records");
        assertEquals("2", CONFIGS.get(tunedConsumer).get("fetch.min.bytes"), "the top-level consumer block");
        assertEquals("2", CONFIGS.get(plainConsumer).get("fetch.min.bytes"));
        assertFalse(
                CONFIGS.get(plainConsumer).containsKey("max.poll.records"), "another mapping's block does not leak");
        assertFalse(CONFIGS.get(plainConsumer).containsKey("linger.ms"), "a producer setting does not reach consumers");

        Map<String, ?> deadLetterProducer = CONFIGS.get("roles.tuned-in.dlq");
        assertEquals("9", deadLetterProducer.get("linger.ms"), "the mapping's producer block over the top-level one");
        assertEquals("all", String.valueOf(deadLetterProducer.get("acks")));
        assertEquals(1, DEAD_LETTERS_SENT.get());
    }

    private static String clientId(String prefix) {
        Optional<String> id =
                CONFIGS.keySet().stream().filter(k -> k.startsWith(prefix)).findFirst();
        assertTrue(id.isPresent(), "no client " + prefix + "* among " + CONFIGS.keySet());
        return id.get();
    }

    /** Records the settings of each consumer and the size of its polls. */
    public static final class Consumers implements ConsumerInterceptor<byte[], byte[]> {
        private String clientId;

        @Override
        public void configure(Map<String, ?> configs) {
            clientId = String.valueOf(configs.get("client.id"));
            CONFIGS.put(clientId, Map.copyOf(configs));
        }

        @Override
        public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
            LARGEST_POLL.merge(clientId, records.count(), Math::max);
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

        @Override
        public void close() {}
    }

    /** Records the settings of each producer and counts what it sends. */
    public static final class Producers implements ProducerInterceptor<byte[], byte[]> {
        @Override
        public void configure(Map<String, ?> configs) {
            CONFIGS.put(String.valueOf(configs.get("client.id")), Map.copyOf(configs));
        }

        @Override
        public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
            DEAD_LETTERS_SENT.incrementAndGet();
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

        @Override
        public void close() {}
    }
}
