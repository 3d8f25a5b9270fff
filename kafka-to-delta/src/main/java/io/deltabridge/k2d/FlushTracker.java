package io.deltabridge.k2d;

import io.deltabridge.core.config.FlushPolicy;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What the open batch has consumed since the last commit (the next offset to read per partition
 * and when it started) and whether the mapping's flush policy says it is time to commit.
 */
final class FlushTracker {
    private final FlushPolicy policy;
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private long startedNanos;

    FlushTracker(FlushPolicy policy) {
        this.policy = policy;
    }

    /** A record is read; the first one of a batch starts its interval. */
    void recordRead() {
        startIfEmpty();
    }

    /** The batch has consumed {@code tp} up to {@code nextOffset} (exclusive). */
    void consumed(TopicPartition tp, long nextOffset) {
        next.put(tp, nextOffset);
    }

    /** The consumer moved past records never returned (transaction markers): a batch of no rows may still move offsets. */
    void movedPast(TopicPartition tp, long position) {
        startIfEmpty();
        next.put(tp, position);
    }

    private void startIfEmpty() {
        if (next.isEmpty()) {
            startedNanos = System.nanoTime();
        }
    }

    /** The next offset to read of {@code tp} consumed by the open batch, or null when it consumed none of it. */
    Long nextOffset(TopicPartition tp) {
        return next.get(tp);
    }

    /** True when nothing was consumed since the last commit. */
    boolean isEmpty() {
        return next.isEmpty();
    }

    /** The offsets to store with the commit. */
    Map<TopicPartition, Long> offsets() {
        return Map.copyOf(next);
    }

    /** Whether a batch of {@code rows} rows taking {@code bytes} bytes once decoded is to be committed. */
    boolean full(long rows, long bytes) {
        return rows >= policy.maxRecords() || bytes >= policy.maxBytes();
    }

    boolean intervalElapsed() {
        return !next.isEmpty()
                && System.nanoTime() - startedNanos >= policy.maxInterval().toNanos();
    }

    void clear() {
        next.clear();
    }
}
