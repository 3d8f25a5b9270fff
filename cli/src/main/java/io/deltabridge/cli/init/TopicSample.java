package io.deltabridge.cli.init;

import io.deltabridge.core.error.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The newest records of a topic (up to a number per partition, committed ones only), read without a group. */
final class TopicSample {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Comparator<ConsumerRecord<byte[], byte[]>> WRITTEN_ORDER =
            Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
                    .thenComparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset);

    private TopicSample() {}

    static List<ConsumerRecord<byte[], byte[]>> newest(Map<String, Object> kafka, String topic, int perPartition) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw Problem.of(
                                "Topic '%s' does not exist on %s",
                                topic, kafka.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG))
                        .fix("check the topic name, or give the cluster with --bootstrap-servers")
                        .config();
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - perPartition));
            }
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            out.sort(WRITTEN_ORDER); // the same topic gives the same file, whichever partition answered first
            return out;
        } catch (KafkaException e) {
            throw Problem.of(
                            "Could not read a sample of topic '%s' from %s",
                            topic, kafka.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG))
                    .because("%s", e.getMessage())
                    .fix(
                            "check --bootstrap-servers and, for a secured cluster, the client settings in --command-config")
                    .runtime(e);
        }
    }
}
