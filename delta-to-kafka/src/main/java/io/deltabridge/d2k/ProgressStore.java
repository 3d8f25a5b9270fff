package io.deltabridge.d2k;

import io.deltabridge.core.error.Problem;
import io.deltabridge.core.kafka.KafkaClientFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Utils;

/**
 * The progress of one mapping in the compacted progress topic (SPEC §4): one record per
 * transaction under the key {@code <bridge>/<mapping>}, written in the same transaction as the
 * events it accounts for, read back with {@code read_committed} on start.
 */
final class ProgressStore {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(120);

    private final KafkaClientFactory kafka;
    private final String topic;
    private final byte[] key;
    private final String keyText;
    private int partition = -1;

    ProgressStore(KafkaClientFactory kafka, String topic, String bridge, String mapping) {
        this.kafka = kafka;
        this.topic = topic;
        this.keyText = bridge + "/" + mapping;
        this.key = keyText.getBytes(StandardCharsets.UTF_8);
    }

    String topic() {
        return topic;
    }

    String key() {
        return keyText;
    }

    /** Creates the topic (compacted, one partition) if it is missing, and finds the partition of the key. */
    void ensureTopic() {
        try (Admin admin = kafka.admin()) {
            usePartitions(Topics.ensure(admin, topic, Optional.of(1),
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT), "progress topic",
                    "create it (cleanup.policy=compact, 1 partition), allow the bridge to create topics, or set"
                            + " 'progress-topic' to an existing compacted topic"));
        }
    }

    /** Like {@link #ensureTopic()} without creating anything: false when the topic does not exist. */
    boolean topicExists() {
        try (Admin admin = kafka.admin()) {
            Optional<Integer> partitions = Topics.partitions(admin, topic);
            partitions.ifPresent(this::usePartitions);
            return partitions.isPresent();
        }
    }

    private void usePartitions(int partitions) {
        // the default partitioner's choice for a keyed record, fixed explicitly so a custom
        // partitioner.class in the file cannot scatter a mapping's progress
        partition = Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    /** The last committed progress of the mapping, if any; reads the partition to its last stable offset. */
    Optional<Progress> read() {
        for (int attempt = 1; ; attempt++) {
            try {
                return readOnce();
            } catch (UnknownTopicOrPartitionException e) {
                // a topic created a moment ago may not be hosted yet by the partition's leader
                if (attempt == 5) {
                    throw Problem.of("The progress topic '%s' is not readable", topic).because("%s", e.getMessage())
                            .fix("check that the brokers are healthy").retriable(e);
                }
                sleep(attempt * 500L);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the progress topic", e);
        }
    }

    private Optional<Progress> readOnce() {
        requireTopic();
        TopicPartition tp = new TopicPartition(topic, partition);
        Map<String, Object> overrides = Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (Consumer<byte[], byte[]> consumer = kafka.consumer(overrides)) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), READ_TIMEOUT).get(tp);
            byte[] last = null;
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (consumer.position(tp, READ_TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw Problem.of("Could not read the progress topic '%s' to its end within %ss", topic,
                                    READ_TIMEOUT.toSeconds())
                            .because("the broker returned no records up to offset %d", end)
                            .fix("check that the brokers are healthy and that the client may read '%s'", topic)
                            .retriable(null);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (java.util.Arrays.equals(key, r.key())) {
                        last = r.value();
                    }
                }
            }
            return last == null ? Optional.empty() : Optional.of(Progress.fromJson(last, topic + "/" + keyText));
        }
    }

    /** The record that stores {@code progress}; send it inside the transaction of the events it covers. */
    ProducerRecord<byte[], byte[]> record(Progress progress) {
        requireTopic();
        return new ProducerRecord<>(topic, partition, key, progress.toJson());
    }

    private void requireTopic() {
        if (partition < 0) {
            throw new IllegalStateException("ensureTopic() first");
        }
    }
}
