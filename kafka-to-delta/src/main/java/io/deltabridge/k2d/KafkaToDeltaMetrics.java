package io.deltabridge.k2d;

import io.deltabridge.core.metrics.BridgeMeter;
import io.deltabridge.core.metrics.KafkaClientMeters;
import io.deltabridge.core.metrics.MappingMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;

/** The meters of one kafka → delta pipeline; written by the pipeline thread, read from any. */
public final class KafkaToDeltaMetrics {
    private final MappingMeters meters;
    final Counter recordsRead;
    final Counter bytesRead;
    final Counter recordsWritten;
    final Counter recordsSkippedLoopGuard;
    final Counter filesWritten;
    final Counter bytesWritten;
    final Counter commits;
    final Counter conflicts;
    final Counter retries;
    final Timer flushLatency;
    final Timer commitLatency;
    final Timer endToEnd;
    final AtomicLong consumerLag;
    /** Offsets passed over by {@code on-offset-gap: skip}. */
    final Counter offsetsSkippedGap;

    KafkaToDeltaMetrics(MappingMeters meters) {
        this.meters = meters;
        recordsRead = meters.counter(BridgeMeter.RECORDS_IN);
        bytesRead = meters.counter(BridgeMeter.BYTES_IN);
        recordsWritten = meters.counter(BridgeMeter.RECORDS_OUT);
        recordsSkippedLoopGuard = meters.counter(BridgeMeter.SKIPPED_LOOP_GUARD);
        filesWritten = meters.counter(BridgeMeter.FILES_WRITTEN);
        bytesWritten = meters.counter(BridgeMeter.BYTES_OUT);
        commits = meters.counter(BridgeMeter.COMMITS);
        conflicts = meters.counter(BridgeMeter.CONFLICTS);
        retries = meters.counter(BridgeMeter.RETRIES);
        flushLatency = meters.timer(BridgeMeter.FLUSH_LATENCY);
        commitLatency = meters.timer(BridgeMeter.COMMIT_LATENCY);
        endToEnd = meters.timer(BridgeMeter.END_TO_END_LATENCY);
        consumerLag = meters.gauge(BridgeMeter.LAG_RECORDS, 0);
        offsetsSkippedGap = meters.counter(BridgeMeter.OFFSETS_SKIPPED_GAP);
    }

    /** A record went to the dead-letter topic because of {@code error}: counted by the error's class. */
    void deadLettered(Exception error) {
        meters.counter(BridgeMeter.DEAD_LETTERS, "error", error.getClass().getSimpleName())
                .increment();
    }

    /** The consumer's own metrics (records lag per partition ...), tagged like these, until closed. */
    KafkaClientMeters bindKafkaClient(Consumer<?, ?> consumer) {
        return meters.bindKafkaClient(consumer);
    }
}
