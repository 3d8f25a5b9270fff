package io.deltabridge.d2k;

import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.kafka.KafkaAccessErrors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Looks topics up and creates missing ones, with errors that say what to do. */
final class Topics {
    private static final Logger LOG = LoggerFactory.getLogger(Topics.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Topics() {}

    /** The topic's partition count, if it exists. */
    static Optional<Integer> partitions(Admin admin, String topic) {
        return describe(admin, topic).map(d -> d.partitions().size());
    }

    /** The topic's description (partitions, topic id), if it exists. */
    static Optional<TopicDescription> describe(Admin admin, String topic) {
        try {
            return Optional.of(await(admin.describeTopics(Set.of(topic)).allTopicNames(), topic)
                    .get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw unreachable(topic, e.getCause());
        }
    }

    /**
     * The value of one of the topic's configs (its own or the broker's default); the topic must
     * exist. Empty when the principal may not describe the topic's configs (DESCRIBE_CONFIGS is
     * not among the ACLs a producer needs): the caller then cannot check, and says so.
     */
    static Optional<String> config(Admin admin, String topic, String name) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config =
                    await(admin.describeConfigs(Set.of(resource)).all(), topic).get(resource);
            ConfigEntry entry = config.get(name);
            return Optional.of(entry == null ? "" : entry.value());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) {
                LOG.warn(
                        "Cannot check {} of topic '{}': {} (grant DESCRIBE_CONFIGS on the topic to check it)",
                        name,
                        topic,
                        e.getCause().getMessage());
                return Optional.empty();
            }
            throw unreachable(topic, e.getCause());
        }
    }

    /** The admin call's result; a timeout or an interrupt is an unreachable broker. */
    private static <T> T await(KafkaFuture<T> future, String topic) throws ExecutionException {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unreachable(topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(topic, e);
        }
    }

    /**
     * The partition count of {@code topic}, created first if missing (broker defaults for partitions
     * and replication, plus {@code configs}).
     *
     * @param what e.g. "target topic", for the error message
     * @param fix  what the user can do when creation is not allowed
     */
    static int ensure(
            Admin admin,
            String topic,
            Optional<Integer> newPartitions,
            Map<String, String> configs,
            String what,
            String fix) {
        Optional<Integer> existing = partitions(admin, topic);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            await(
                    admin.createTopics(List.of(new NewTopic(topic, newPartitions, Optional.empty()).configs(configs)))
                            .all(),
                    topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw Problem.of("The %s '%s' is missing and could not be created", what, topic)
                        .because("%s", e.getCause().getMessage())
                        .fix("%s", fix)
                        .config(e.getCause());
            }
        }
        // a topic just created takes a moment to show up in the metadata of every broker
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Optional<Integer> created = partitions(admin, topic);
            if (created.isPresent()) {
                return created.get();
            }
            if (System.nanoTime() > deadline) {
                throw unreachable(topic, null);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unreachable(topic, e);
            }
        }
    }

    private static RuntimeException unreachable(String topic, Throwable cause) {
        // wrong credentials or a missing ACL: not a passing trouble, retrying would wait forever
        Optional<BridgeException> access = KafkaAccessErrors.find(cause, "DESCRIBE");
        if (access.isPresent()) {
            return access.get();
        }
        Problem problem = Problem.of("Could not look up the topic '%s'", topic)
                .because("%s", cause == null ? "it was not visible after creation" : String.valueOf(cause.getMessage()))
                .fix("check 'kafka.bootstrap.servers' and the security settings, and that the brokers are up");
        boolean passing = cause == null
                || cause instanceof RetriableException
                || cause instanceof java.util.concurrent.TimeoutException
                || cause instanceof InterruptedException;
        return passing ? problem.retriable(cause) : problem.runtime(cause);
    }
}
