package io.deltabridge.d2k;

import io.deltabridge.core.error.Problem;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.lineage.LineageHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Whether a topic already holds committed events of a mapping, told by their lineage headers
 * ({@code deltabridge.bridge} and {@code deltabridge.mapping}). A mapping without progress that
 * finds its own events has lost its progress (topic deleted, records expired): starting from
 * {@code starting-version} would publish them again.
 *
 * <p>Only the last {@link #TAIL} records of each partition are looked at, so that the check
 * costs the same on a topic of any size: a topic that other producers have written a lot to
 * since this mapping's last event is not recognised as holding them.
 */
final class PublishedEvents {
    static final int TAIL = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaClientFactory kafka;
    private final byte[] bridge;
    private final byte[] mapping;

    PublishedEvents(KafkaClientFactory kafka, String bridge, String mapping) {
        this.kafka = kafka;
        this.bridge = bridge.getBytes(StandardCharsets.UTF_8);
        this.mapping = mapping.getBytes(StandardCharsets.UTF_8);
    }

    boolean foundIn(String topic) {
        Map<String, Object> overrides = Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        try (Consumer<byte[], byte[]> consumer = kafka.consumer(overrides)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(PartitionInfo::partition)
                    .map(p -> new TopicPartition(topic, p))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - TAIL));
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, TIMEOUT) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw Problem.of("Could not read the end of topic '%s' within %ss", topic, TIMEOUT.toSeconds())
                            .because("the broker returned no records up to the end offsets %s", end)
                            .fix("check that the brokers are healthy and that the client may read '%s'", topic)
                            .retriable(null);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    if (matches(r.headers().lastHeader(LineageHeaders.BRIDGE), bridge)
                            && matches(r.headers().lastHeader(LineageHeaders.MAPPING), mapping)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static boolean matches(Header header, byte[] expected) {
        return header != null && Arrays.equals(header.value(), expected);
    }
}
