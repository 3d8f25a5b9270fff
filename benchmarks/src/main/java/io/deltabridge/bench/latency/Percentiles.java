package io.deltabridge.bench.latency;

import java.util.Arrays;
import java.util.Locale;

/** Nearest-rank percentiles of a set of millisecond values. */
record Percentiles(int count, long p50, long p90, long p99, long max) {

    static Percentiles of(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Percentiles(
                sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "p50 %4d  p90 %4d  p99 %4d  max %4d ms (n=%d)", p50, p90, p99, max, count);
    }
}
