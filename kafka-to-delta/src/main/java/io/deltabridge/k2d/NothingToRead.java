package io.deltabridge.k2d;

import io.deltabridge.core.config.StartingOffsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a bounded run would read nothing and commit nothing, decided before it joins the consumer
 * group: then it need not join (a rebalance of the group's other members, and on a real broker
 * {@code group.initial.rebalance.delay.ms} of waiting) nor open a producer.
 */
final class NothingToRead {
    private NothingToRead() {}

    /**
     * True when every partition's stored offset is its end offset, or, for a partition without one under
     * {@code starting-offsets: earliest}, the partition is empty. A stored offset past the end (topic
     * recreated) is for the run's gap handling, and a {@code latest} start without stored offset is
     * committed by the run: neither is nothing to do.
     *
     * @param beginnings the partitions' beginning offsets, asked only for partitions without stored offset
     */
    static boolean upTo(
            Map<TopicPartition, Long> endOffsets,
            Map<TopicPartition, Long> stored,
            StartingOffsets start,
            Function<Collection<TopicPartition>, Map<TopicPartition, Long>> beginnings) {
        List<TopicPartition> unstored = endOffsets.keySet().stream()
                .filter(tp -> !stored.containsKey(tp))
                .toList();
        if (!unstored.isEmpty() && start != StartingOffsets.EARLIEST) {
            return false;
        }
        if (!endOffsets.entrySet().stream()
                .allMatch(e -> !stored.containsKey(e.getKey())
                        || stored.get(e.getKey()).equals(e.getValue()))) {
            return false;
        }
        if (unstored.isEmpty()) {
            return true;
        }
        Map<TopicPartition, Long> first = beginnings.apply(unstored);
        return unstored.stream().allMatch(tp -> endOffsets.get(tp).equals(first.get(tp)));
    }
}
