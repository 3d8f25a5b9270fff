package io.deltabridge.k2d;

import io.deltabridge.k2d.delta.DeltaAppender;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets this run last read from or committed to the table, per assigned partition: what a
 * commit expects the table to still hold, so that a commit after another writer moved them is
 * refused instead of duplicating records. The only owner of that knowledge.
 */
final class TableOffsets {
    private final DeltaAppender appender;
    private final Map<TopicPartition, Long> expected = new HashMap<>();

    TableOffsets(DeltaAppender appender) {
        this.appender = appender;
    }

    /**
     * Reads the offsets the latest snapshot stores and takes them as expected for {@code partitions};
     * returns them (a partition without stored offset is absent).
     */
    Map<TopicPartition, Long> claim(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> stored = appender.refreshOffsets();
        Map<TopicPartition, Long> claimed = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long offset = stored.get(tp);
            expected.put(tp, offset);
            if (offset != null) {
                claimed.put(tp, offset);
            }
        }
        return claimed;
    }

    /** The offset expected in the table for {@code tp}; null when none is stored or it is not assigned. */
    Long expected(TopicPartition tp) {
        return expected.get(tp);
    }

    /** Every expected offset (a read-only view). */
    Map<TopicPartition, Long> expected() {
        return Collections.unmodifiableMap(expected);
    }

    /** A commit stored {@code offsets}: they are what the table holds now. */
    void committed(Map<TopicPartition, Long> offsets) {
        expected.putAll(offsets);
    }

    /** The partitions went to another instance (or were lost): their offsets are no longer ours to expect. */
    void release(Collection<TopicPartition> partitions) {
        partitions.forEach(expected::remove);
    }
}
