package io.deltabridge.k2d;

import io.deltabridge.core.kafka.KafkaClientFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka clients for loop tests: one scripted {@link MockConsumer} (rebalances, records and end
 * offsets set poll by poll) and mock producers, whose records (dead letters) are kept.
 */
final class MockKafka implements KafkaClientFactory {
    final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    final List<MockProducer<byte[], byte[]>> producers = new ArrayList<>();
    private final String topic;

    MockKafka(String topic) {
        this.topic = topic;
    }

    /** The topic's partitions 0..n-1, empty at the start, with these end offsets. */
    void partitions(long... ends) {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < ends.length; p++) {
            infos.add(new PartitionInfo(topic, p, node, null, null));
            consumer.updateBeginningOffsets(Map.of(new TopicPartition(topic, p), 0L));
            consumer.updateEndOffsets(Map.of(new TopicPartition(topic, p), ends[p]));
        }
        consumer.updatePartitions(topic, infos);
    }

    /** Adds a record (null key, value or header value allowed) to an assigned partition. */
    void add(int partition, long offset, String key, String value, String... headers) {
        RecordHeaders h = new RecordHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], utf8(headers[i + 1]));
        }
        byte[] k = utf8(key);
        byte[] v = utf8(value);
        consumer.addRecord(new ConsumerRecord<>(
                topic,
                partition,
                offset,
                0L,
                TimestampType.CREATE_TIME,
                k == null ? -1 : k.length,
                v == null ? -1 : v.length,
                k,
                v,
                h,
                Optional.empty()));
    }

    /** The records sent by every producer handed out (the dead-letter producer). */
    List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> sent() {
        return producers.stream().flatMap(p -> p.history().stream()).toList();
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Producer<byte[], byte[]> producer(Map<String, Object> overrides) {
        MockProducer<byte[], byte[]> p =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        producers.add(p);
        return p;
    }

    @Override
    public Consumer<byte[], byte[]> consumer(Map<String, Object> overrides) {
        return consumer;
    }

    @Override
    public Admin admin() {
        throw new UnsupportedOperationException("no admin client in loop tests");
    }

    @Override
    public Map<String, String> settings() {
        return Map.of();
    }
}
