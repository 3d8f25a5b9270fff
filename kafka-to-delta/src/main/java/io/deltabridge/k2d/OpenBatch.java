package io.deltabridge.k2d;

import io.deltabridge.k2d.delta.TableChange;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The batch not yet committed: its records (kept by the mapping's {@link WriteStrategy}) and how far
 * it consumed each partition ({@link FlushTracker}). The only owner of both, so they are always
 * committed or discarded together.
 */
final class OpenBatch implements AutoCloseable {
    private final FlushTracker flushes;
    private final WriteStrategy strategy;
    /** The smallest record timestamp read into the batch (ms since the epoch); MAX_VALUE when none. */
    private long oldestTimestamp = Long.MAX_VALUE;

    OpenBatch(FlushTracker flushes, WriteStrategy strategy) {
        this.flushes = flushes;
        this.strategy = strategy;
    }

    /** A record with this timestamp (negative: none) is read; the first one of a batch starts its interval. */
    void read(long timestamp) {
        flushes.recordRead();
        if (timestamp >= 0) {
            oldestTimestamp = Math.min(oldestTimestamp, timestamp);
        }
    }

    /** The timestamp of the oldest record read into the batch, when any had one. */
    OptionalLong oldestTimestamp() {
        return oldestTimestamp == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(oldestTimestamp);
    }

    /** @throws io.deltabridge.core.error.DataException when the record cannot be written; the batch is unchanged */
    void add(ConsumerRecord<byte[], byte[]> record) {
        strategy.add(record);
    }

    /** The batch has consumed {@code tp} up to {@code nextOffset} (exclusive). */
    void consumed(TopicPartition tp, long nextOffset) {
        flushes.consumed(tp, nextOffset);
    }

    /** The consumer moved past records never returned (transaction markers). */
    void movedPast(TopicPartition tp, long position) {
        flushes.movedPast(tp, position);
    }

    /** The next offset to read of {@code tp} consumed by the batch, or null when it consumed none of it. */
    Long nextOffset(TopicPartition tp) {
        return flushes.nextOffset(tp);
    }

    boolean isEmpty() {
        return flushes.isEmpty();
    }

    /** Whether the flush policy's size limits are reached. */
    boolean full() {
        return flushes.full(strategy.rowCount(), strategy.byteSize());
    }

    boolean intervalElapsed() {
        return flushes.intervalElapsed();
    }

    long rowCount() {
        return strategy.rowCount();
    }

    /** The offsets to store with the commit. */
    Map<TopicPartition, Long> offsets() {
        return flushes.offsets();
    }

    /** Writes the batch's files. */
    TableChange prepare() {
        return strategy.prepare();
    }

    /** Forgets the batch: after a commit, or when it must not be committed. */
    void discard() {
        strategy.discard();
        flushes.clear();
        oldestTimestamp = Long.MAX_VALUE;
    }

    @Override
    public void close() {
        discard();
        strategy.close();
    }
}
