package io.deltabridge.k2d;

import io.deltabridge.testkit.KafkaCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/** Creates a uniquely named topic and waits until all its partitions have a leader, retrying transient metadata errors. */
final class Topics {
    private Topics() {}

    static String create(KafkaCluster kafka, String prefix, int partitions) {
        String name = KafkaCluster.uniqueName(prefix);
        try {
            kafka.admin()
                    .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + name, e);
        }
        awaitLeaders(kafka, name, partitions);
        return name;
    }

    /** Waits until every partition of {@code name} has a leader that serves it. */
    static void awaitLeaders(KafkaCluster kafka, String name, int partitions) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                TopicDescription d = kafka.admin()
                        .describeTopics(List.of(name))
                        .allTopicNames()
                        .get()
                        .get(name);
                if (d.partitions().size() == partitions
                        && d.partitions().stream().allMatch(p -> p.leader() != null)) {
                    // the leader also has to serve the partitions: producing to a partition the broker does not
                    // host yet can leave an idempotent producer with out-of-order sequence numbers
                    Map<TopicPartition, OffsetSpec> all = new HashMap<>();
                    d.partitions().forEach(p -> all.put(new TopicPartition(name, p.partition()), OffsetSpec.latest()));
                    kafka.admin().listOffsets(all).all().get();
                    return;
                }
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + name + " has no leaders", e);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
