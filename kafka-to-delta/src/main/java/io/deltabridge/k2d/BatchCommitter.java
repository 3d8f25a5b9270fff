package io.deltabridge.k2d;

import io.deltabridge.k2d.delta.DeltaAppender;
import io.deltabridge.k2d.delta.OffsetsMovedException;
import io.deltabridge.k2d.delta.TableChange;
import java.util.Map;
import java.util.Optional;
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

    BatchCommitter(MappingIdentity id, PipelineServices services, DeltaAppender appender, TableOffsets offsets, DeadLetters deadLetters) {
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
        long started = System.nanoTime();
        if (deadLetters != null) {
            deadLetters.awaitDurable();
        }
        TableChange change = batch.prepare();
        services.faults().afterFilesWritten(change);
        Map<TopicPartition, Long> next = batch.offsets();
        long version;
        try {
            version = appender.commit(change, offsets.expected(), next);
        } catch (OffsetsMovedException e) {
            LOG.warn("Mapping '{}': another writer committed {} meanwhile; discarding {} buffered records and re-reading from the table's offsets",
                    id.name(), e.partitions(), batch.rowCount());
            services.metrics().batchesDiscarded.incrementAndGet();
            batch.discard();
            services.lineage().discarded();
            return Optional.empty();
        }
        batch.discard();
        offsets.committed(next);
        KafkaToDeltaMetrics metrics = services.metrics();
        metrics.commitTook((System.nanoTime() - started) / 1_000_000);
        metrics.recordsWritten.addAndGet(change.rows());
        metrics.filesWritten.addAndGet(change.files());
        metrics.bytesWritten.addAndGet(change.bytes());
        LOG.debug("Mapping '{}': committed {} records as version {} of {}", id.name(), change.rows(), version, id.tableUri());
        services.lineage().committed(version, change);
        services.listener().onBatchCommitted(id.name(), version, change.rows());
        services.faults().afterDeltaCommit(version);
        return Optional.of(new Committed(version, change, next));
    }
}
