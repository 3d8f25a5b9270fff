package io.deltabridge.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfOneToHundred() {
        long[] values = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray();
        assertEquals(new Percentiles(100, 50, 90, 99, 100), Percentiles.of(values));
    }

    @Test
    void smallSetsUseTheNearestRankAbove() {
        assertEquals(new Percentiles(3, 20, 30, 30, 30), Percentiles.of(new long[] {30, 10, 20}));
        assertEquals(new Percentiles(1, 7, 7, 7, 7), Percentiles.of(new long[] {7}));
    }

    @Test
    void refusesAnEmptySet() {
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[0]));
    }

    @Test
    void leavesTheInputUnsorted() {
        long[] values = {3, 1, 2};
        Percentiles.of(values);
        assertEquals(3, values[0]);
    }
}
