package io.deltabridge.connect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The ITs' test rows produced to, and committed records read from, the topics of one broker. */
final class Topics {
    private final String bootstrapServers;

    Topics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Every committed record of a one-partition topic, read with {@code read_committed}, in order. */
    List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int atLeast, Duration timeout) {
        return read(topic, atLeast, timeout, true);
    }

    /** As soon as the one-partition topic has {@code count} committed records: how many it has then. */
    int awaitCommitted(String topic, int count, Duration timeout) {
        return read(topic, count, timeout, false).size();
    }

    /** At least {@code atLeast} committed records; {@code toEnd}: then on up to the last stable offset. */
    private List<ConsumerRecord<byte[], byte[]>> read(String topic, int atLeast, Duration timeout, boolean toEnd) {
        Map<String, Object> props = Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                if (records.size() >= atLeast
                        && (!toEnd
                                || consumer.position(partition)
                                        >= consumer.endOffsets(List.of(partition))
                                                .get(partition))) {
                    return records;
                }
            }
        }
        throw new AssertionError("read " + records.size() + " committed records of " + topic + " in " + timeout
                + ", expected at least " + atLeast);
    }

    /**
     * JSON rows {@code {"id": n, "name": "n<n>"}} for ids {@code from..to-1}, spread over the partitions by id; fails
     * unless the broker acknowledged every one.
     */
    void produceRows(String topic, int partitions, long from, long to) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (long id = from; id < to; id++) {
                sent.add(producer.send(new ProducerRecord<>(
                        topic,
                        (int) (id % partitions),
                        ("k" + id).getBytes(StandardCharsets.UTF_8),
                        ("{\"id\":" + id + ",\"name\":\"n" + id + "\"}").getBytes(StandardCharsets.UTF_8))));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("producing the test's records to " + topic + " failed", e);
        }
    }

    /**
     * A producer that keeps each partition's records in order: with several batches in flight, a first batch refused by a
     * just-created partition's leader and a later one accepted ends the first in OutOfOrderSequenceException.
     */
    KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                        1),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }
}
