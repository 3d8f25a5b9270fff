package io.deltabridge.d2k;

import io.deltabridge.core.metrics.BridgeMeter;
import io.deltabridge.core.metrics.MappingMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The meters of a delta → kafka pipeline; written by the publishing thread, read from any. */
final class PublisherMetrics {
    final Counter versionsPublished;
    final Counter recordsPublished;
    final Counter bytesPublished;
    final Counter transactions;
    final Counter retries;
    final Timer commitLatency;
    final Timer endToEnd;
    final AtomicLong currentVersion;
    final AtomicLong latestVersion;

    PublisherMetrics(MappingMeters meters) {
        versionsPublished = meters.counter(BridgeMeter.VERSIONS_PUBLISHED);
        recordsPublished = meters.counter(BridgeMeter.RECORDS_OUT);
        bytesPublished = meters.counter(BridgeMeter.BYTES_OUT);
        transactions = meters.counter(BridgeMeter.COMMITS);
        retries = meters.counter(BridgeMeter.RETRIES);
        commitLatency = meters.timer(BridgeMeter.COMMIT_LATENCY);
        endToEnd = meters.timer(BridgeMeter.END_TO_END_LATENCY);
        currentVersion = meters.gauge(BridgeMeter.VERSION_CURRENT, -1);
        latestVersion = meters.gauge(BridgeMeter.VERSION_LATEST, -1);
        meters.gauge(BridgeMeter.LAG_VERSIONS, this, PublisherMetrics::lag);
    }

    /** Events of a version committed to Kafka: the time since the version's Delta commit. */
    void published(long commitTimestamp) {
        endToEnd.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - commitTimestamp)));
    }

    long lag() {
        long latest = latestVersion.get();
        return latest < 0 ? 0 : Math.max(0, latest - currentVersion.get());
    }
}
