package io.deltabridge.k2d.delta;

import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Another writer committed offsets of partitions this batch covers (after a rebalance, or a
 * zombie instance): committing would duplicate records, so the batch is discarded and the
 * consumer re-seeks to the offsets in the table.
 */
public final class OffsetsMovedException extends RuntimeException {
    private final Set<TopicPartition> partitions;

    public OffsetsMovedException(Set<TopicPartition> partitions) {
        super("offsets of " + partitions + " were committed by another writer", null, false, false);
        this.partitions = Set.copyOf(partitions);
    }

    public Set<TopicPartition> partitions() {
        return partitions;
    }
}
