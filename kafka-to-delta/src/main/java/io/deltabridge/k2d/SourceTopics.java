package io.deltabridge.k2d;

import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.error.Problem;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** The topics a kafka → delta mapping reads at this moment. */
final class SourceTopics {
    private SourceTopics() {}

    /** The mapping's listed topics, or the topics that exist now and match its pattern. */
    static List<String> existing(KafkaToDeltaMapping mapping, Consumer<?, ?> consumer) {
        return mapping.topicPattern().isPresent()
                ? mapping.topicsAmong(consumer.listTopics().keySet())
                : mapping.topics();
    }

    /** Every partition of {@code topics}; a missing topic is a configuration error. */
    static List<TopicPartition> partitions(KafkaToDeltaMapping mapping, Consumer<?, ?> consumer, List<String> topics) {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw Problem.of("Topic '%s' of mapping '%s' does not exist", topic, mapping.name())
                        .fix("create the topic, or correct 'from.kafka'")
                        .config();
            }
            infos.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
        }
        return all;
    }
}
