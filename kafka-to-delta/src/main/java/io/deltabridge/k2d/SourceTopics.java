package io.deltabridge.k2d;

import io.deltabridge.core.config.KafkaToDeltaMapping;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;

/** The topics a kafka → delta mapping reads at this moment. */
final class SourceTopics {
    private SourceTopics() {}

    /** The mapping's listed topics, or the topics that exist now and match its pattern. */
    static List<String> existing(KafkaToDeltaMapping mapping, Consumer<?, ?> consumer) {
        return mapping.topicPattern().isPresent()
                ? mapping.topicsAmong(consumer.listTopics().keySet())
                : mapping.topics();
    }
}
