package io.deltabridge.d2k;

import io.deltabridge.core.pipeline.PipelineMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters and gauges of a delta → kafka pipeline; written by the publishing thread, read from any. */
final class PublisherMetrics implements PipelineMetrics {
    final LongAdder versionsPublished = new LongAdder();
    final LongAdder recordsPublished = new LongAdder();
    final LongAdder bytesPublished = new LongAdder();
    final LongAdder transactions = new LongAdder();
    final AtomicLong currentVersion = new AtomicLong(-1);
    final AtomicLong latestVersion = new AtomicLong(-1);
    final AtomicLong lastCommitToPublishMs = new AtomicLong(-1);
    final AtomicLong maxCommitToPublishMs = new AtomicLong(-1);

    /** Events of a version committed to Kafka: the time since the version's Delta commit. */
    void published(long commitTimestamp) {
        long latency = System.currentTimeMillis() - commitTimestamp;
        lastCommitToPublishMs.set(latency);
        maxCommitToPublishMs.accumulateAndGet(latency, Math::max);
    }

    long lag() {
        long latest = latestVersion.get();
        return latest < 0 ? 0 : Math.max(0, latest - currentVersion.get());
    }

    @Override
    public Map<String, Number> snapshot() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("versions.published", versionsPublished.sum());
        m.put("records.published", recordsPublished.sum());
        m.put("bytes.published", bytesPublished.sum());
        m.put("transactions.committed", transactions.sum());
        m.put("version.current", currentVersion.get());
        m.put("version.latest", latestVersion.get());
        m.put("lag.versions", lag());
        m.put("latency.commit-to-publish.ms", lastCommitToPublishMs.get());
        m.put("latency.commit-to-publish.max.ms", maxCommitToPublishMs.get());
        return m;
    }
}
