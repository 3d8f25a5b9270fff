package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.StartingOffsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class NothingToReadTest {
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private static Function<Collection<TopicPartition>, Map<TopicPartition, Long>> beginnings(long p1) {
        return partitions -> {
            if (!partitions.equals(List.of(P1))) {
                throw new AssertionError("beginning offsets asked for " + partitions);
            }
            return Map.of(P1, p1);
        };
    }

    @Test
    void storedEndOffsetsMeanNothingToRead() {
        assertTrue(NothingToRead.upTo(
                Map.of(P0, 5L, P1, 7L), Map.of(P0, 5L, P1, 7L), StartingOffsets.LATEST, beginnings(0)));
    }

    @Test
    void anOffsetBehindTheEndIsSomethingToRead() {
        assertFalse(NothingToRead.upTo(
                Map.of(P0, 5L, P1, 7L), Map.of(P0, 5L, P1, 6L), StartingOffsets.EARLIEST, beginnings(0)));
    }

    @Test
    void anOffsetPastTheEndIsLeftToTheRunsGapHandling() {
        assertFalse(NothingToRead.upTo(Map.of(P0, 5L), Map.of(P0, 9L), StartingOffsets.EARLIEST, beginnings(0)));
    }

    @Test
    void aPartitionWithoutStoredOffsetIsNothingToReadOnlyWhenEmptyAndReadFromTheStart() {
        Map<TopicPartition, Long> ends = Map.of(P0, 5L, P1, 3L);
        Map<TopicPartition, Long> stored = Map.of(P0, 5L);
        assertTrue(NothingToRead.upTo(ends, stored, StartingOffsets.EARLIEST, beginnings(3)));
        assertFalse(NothingToRead.upTo(ends, stored, StartingOffsets.EARLIEST, beginnings(0)));
        // latest: the run stores the end it starts at, which is a commit
        assertFalse(NothingToRead.upTo(ends, stored, StartingOffsets.LATEST, beginnings(3)));
    }
}
