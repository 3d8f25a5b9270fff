package io.deltabridge.k2d;

import io.deltabridge.core.pipeline.PipelineMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters and gauges of one kafka → delta pipeline; written by the pipeline thread, read from any. */
public final class KafkaToDeltaMetrics implements PipelineMetrics {
    final AtomicLong recordsRead = new AtomicLong();
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong recordsWritten = new AtomicLong();
    final AtomicLong recordsDeadLettered = new AtomicLong();
    final AtomicLong recordsSkippedLoopGuard = new AtomicLong();
    final AtomicLong filesWritten = new AtomicLong();
    final AtomicLong bytesWritten = new AtomicLong();
    final AtomicLong commits = new AtomicLong();
    final AtomicLong commitLatencyLastMs = new AtomicLong();
    final AtomicLong commitLatencyMaxMs = new AtomicLong();
    final AtomicLong commitLatencyTotalMs = new AtomicLong();
    final AtomicLong batchesDiscarded = new AtomicLong();
    final AtomicLong consumerLag = new AtomicLong();
    /** Offsets passed over by {@code on-offset-gap: skip}. */
    final AtomicLong offsetsSkippedGap = new AtomicLong();

    void commitTook(long millis) {
        commits.incrementAndGet();
        commitLatencyLastMs.set(millis);
        commitLatencyTotalMs.addAndGet(millis);
        commitLatencyMaxMs.accumulateAndGet(millis, Math::max);
    }

    @Override
    public Map<String, Number> snapshot() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("records.read", recordsRead.get());
        m.put("bytes.read", bytesRead.get());
        m.put("records.written", recordsWritten.get());
        m.put("records.dead-lettered", recordsDeadLettered.get());
        m.put("records.skipped.loop-guard", recordsSkippedLoopGuard.get());
        m.put("files.written", filesWritten.get());
        m.put("bytes.written", bytesWritten.get());
        m.put("commits", commits.get());
        m.put("commit.latency.last.ms", commitLatencyLastMs.get());
        m.put("commit.latency.max.ms", commitLatencyMaxMs.get());
        m.put("commit.latency.avg.ms", commits.get() == 0 ? 0 : commitLatencyTotalMs.get() / commits.get());
        m.put("batches.discarded", batchesDiscarded.get());
        m.put("consumer.lag", consumerLag.get());
        m.put("offsets.skipped.gap", offsetsSkippedGap.get());
        return m;
    }
}
