package io.deltabridge.k2d;

import io.deltabridge.k2d.delta.DeltaAppender;
import io.deltabridge.k2d.delta.OffsetsMovedException;
import io.deltabridge.k2d.delta.TableChange;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the open batch, whatever its {@link WriteStrategy}: dead letters made durable first,
 * then the batch's change and the next offset to read per partition in one Delta commit, refused
 * when another writer moved the offsets this run expects ({@link TableOffsets}).
 */
final class BatchCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(BatchCommitter.class);

    private final MappingIdentity id;
    private final PipelineServices services;
    private final DeltaAppender appender;
    private final TableOffsets offsets;
    /** Null when the mapping has no dead-letter topic. */
    private final DeadLetters deadLetters;

    BatchCommitter(
            MappingIdentity id,
            PipelineServices services,
            DeltaAppender appender,
            TableOffsets offsets,
            DeadLetters deadLetters) {
        this.id = id;
        this.services = services;
        this.appender = appender;
        this.offsets = offsets;
        this.deadLetters = deadLetters;
    }

    /** A commit made: its version, what it wrote and the offsets it stored. */
    record Committed(long version, TableChange change, Map<TopicPartition, Long> offsets) {}

    /**
     * Writes and commits {@code batch}, which must have consumed something, and empties it; empty when
     * another writer moved the offsets meanwhile and the batch was discarded.
     */
    Optional<Committed> commit(OpenBatch batch) {
        if (deadLetters != null) {
            deadLetters.awaitDurable();
        }
        KafkaToDeltaMetrics metrics = services.metrics();
        TableChange change = metrics.flushLatency.record(batch::prepare);
        services.faults().afterFilesWritten(change);
        Map<TopicPartition, Long> next = batch.offsets();
        long version;
        try {
            long commitStarted = System.nanoTime();
            version = appender.commit(change, offsets.expected(), next);
            metrics.commitLatency.record(System.nanoTime() - commitStarted, TimeUnit.NANOSECONDS);
        } catch (OffsetsMovedException e) {
            LOG.warn(
                    "Mapping '{}': another writer committed {} meanwhile; discarding {} buffered records and re-reading from the table's offsets",
                    id.name(),
                    e.partitions(),
                    batch.rowCount());
            services.metrics().conflicts.increment();
            batch.discard();
            services.lineage().discarded();
            return Optional.empty();
        }
        batch.oldestTimestamp()
                .ifPresent(oldest -> metrics.endToEnd.record(
                        Math.max(0, System.currentTimeMillis() - oldest), TimeUnit.MILLISECONDS));
        batch.discard();
        offsets.committed(next);
        metrics.commits.increment();
        metrics.recordsWritten.increment(change.rows());
        metrics.filesWritten.increment(change.files());
        metrics.bytesWritten.increment(change.bytes());
        LOG.debug(
                "Mapping '{}': committed {} records as version {} of {}",
                id.name(),
                change.rows(),
                version,
                id.tableUri());
        services.lineage().committed(version, change);
        services.listener().onBatchCommitted(id.name(), version, change.rows());
        services.faults().afterDeltaCommit(version);
        return Optional.of(new Committed(version, change, next));
    }
}
