package io.deltabridge.d2k;

import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.kafka.KafkaClientFactory;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The mapping's target topic, held to the one it publishes to. A topic deleted while the mapping
 * runs (or deleted and created again: by hand, or by the producer itself on a broker with
 * {@code auto.create.topics.enable}) has lost every event published to it; going on from the
 * stored progress into a new, empty topic would hide that loss, so the mapping stops instead.
 * Kafka tells topics of the same name apart by their topic id.
 */
final class TargetTopic {
    private final KafkaClientFactory kafka;
    private final DeltaToKafkaMapping mapping;
    /** The id of the topic the mapping publishes to; null until the first start (and after a reset). */
    private Uuid id;

    TargetTopic(KafkaClientFactory kafka, DeltaToKafkaMapping mapping) {
        this.kafka = kafka;
        this.mapping = mapping;
    }

    /**
     * At start: creates the topic when it is missing, unless {@code published} says the mapping's
     * progress covers events sent to it (then it was deleted); refuses another topic than the one
     * an earlier start of this pipeline published to. Returns whether the topic is compacted.
     */
    boolean prepare(boolean reset, BooleanSupplier published) {
        if (reset) {
            id = null;
        }
        try (Admin admin = kafka.admin()) {
            Optional<TopicDescription> existing = Topics.describe(admin, mapping.topic());
            if (existing.isEmpty() && !reset && (id != null || published.getAsBoolean())) {
                throw lost("is missing, but the mapping's progress says it published events to it");
            }
            Topics.ensure(
                    admin,
                    mapping.topic(),
                    Optional.empty(),
                    Map.of(),
                    "target topic",
                    "create the topic '" + mapping.topic() + "' or allow the bridge's principal to create topics");
            require(Topics.describe(admin, mapping.topic()).map(TopicDescription::topicId));
            return Topics.config(admin, mapping.topic(), TopicConfig.CLEANUP_POLICY_CONFIG)
                    .filter(policy -> policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT))
                    .isPresent();
        }
    }

    /** Before a version is published: the topic must still be the one the mapping started with. */
    void requireUnchanged() {
        try (Admin admin = kafka.admin()) {
            require(Topics.describe(admin, mapping.topic()).map(TopicDescription::topicId));
        }
    }

    private void require(Optional<Uuid> current) {
        if (current.isEmpty()) {
            throw lost("was deleted while the mapping published to it");
        }
        if (id != null && !id.equals(current.get())) {
            throw lost("was deleted and created again (topic id " + id + ", now " + current.get() + ")");
        }
        id = current.get();
    }

    private DataException lost(String what) {
        id = null; // said once: a topic the user recreates afterwards is theirs to publish to
        return Problem.of("The target topic '%s' of mapping '%s' %s", mapping.topic(), mapping.name(), what)
                .because("the events published to it before are gone; publishing on from the stored progress into"
                        + " a new, empty topic would hide that loss")
                .fix(
                        "to publish the table again from 'starting-version', run once with 'bridge run -m %s"
                                + " --reset-progress' (it creates the topic if it is missing); to go on from the stored"
                                + " progress without the lost events, create the topic '%s' yourself and run again",
                        mapping.name(), mapping.topic())
                .data();
    }
}
