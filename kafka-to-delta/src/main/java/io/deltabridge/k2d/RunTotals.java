package io.deltabridge.k2d;

import io.deltabridge.core.pipeline.RunSummary;
import java.time.Duration;

/** The counts of one run, for its {@link RunSummary}; owned by the running thread. */
final class RunTotals {
    long commits;
    long records;
    long bytes;
    long skipped;

    void reset() {
        commits = records = bytes = skipped = 0;
    }

    RunSummary summary(String mapping, long startedNanos) {
        return new RunSummary(
                mapping, commits, records, bytes, skipped, Duration.ofNanos(System.nanoTime() - startedNanos));
    }
}
