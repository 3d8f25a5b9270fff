package io.deltabridge.k2d;

import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.k2d.delta.DeltaAppender;
import io.deltabridge.k2d.delta.OffsetsMovedException;
import io.deltabridge.k2d.delta.PendingWrite;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the open batch to the table with the next offset to read per partition, in one Delta
 * commit: dead letters are made durable first, and the commit is refused when another writer
 * moved the offsets this instance expects ({@code expected}, kept up to date here).
 */
final class DeltaCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaCommitter.class);

    private final String mappingName;
    private final String tableUri;
    private final DeltaAppender appender;
    private final RowBuffer rows;
    private final FlushTracker flushes;
    /** Null when the mapping has no dead-letter topic. */
    private final DeadLetters deadLetters;
    private final Map<TopicPartition, Long> expected;
    private final KafkaToDeltaMetrics metrics;
    private final RunTotals totals;
    private final PipelineListener listener;
    private final FaultPoints faults;

    DeltaCommitter(String mappingName, String tableUri, DeltaAppender appender, RowBuffer rows, FlushTracker flushes,
                   DeadLetters deadLetters, Map<TopicPartition, Long> expected, KafkaToDeltaMetrics metrics, RunTotals totals,
                   PipelineListener listener, FaultPoints faults) {
        this.mappingName = mappingName;
        this.tableUri = tableUri;
        this.appender = appender;
        this.rows = rows;
        this.flushes = flushes;
        this.deadLetters = deadLetters;
        this.expected = expected;
        this.metrics = metrics;
        this.totals = totals;
        this.listener = listener;
        this.faults = faults;
    }

    /**
     * Writes and commits the open batch, which must have consumed something; returns the offsets
     * stored, or null when another writer moved them meanwhile and the batch was discarded.
     */
    Map<TopicPartition, Long> commit() {
        long started = System.nanoTime();
        if (deadLetters != null) {
            deadLetters.awaitDurable();
        }
        PendingWrite write = rows.write();
        faults.afterFilesWritten(write);
        Map<TopicPartition, Long> committed = flushes.offsets();
        long version;
        try {
            version = appender.commit(write, expected, committed);
        } catch (OffsetsMovedException e) {
            LOG.warn("Mapping '{}': another writer committed {} meanwhile; discarding {} buffered records and re-reading from the table's offsets",
                    mappingName, e.partitions(), rows.rowCount());
            metrics.batchesDiscarded.incrementAndGet();
            discard();
            return null;
        }
        long written = write.rows();
        expected.putAll(committed);
        metrics.commitTook((System.nanoTime() - started) / 1_000_000);
        metrics.recordsWritten.addAndGet(written);
        metrics.filesWritten.addAndGet(write.files());
        metrics.bytesWritten.addAndGet(write.bytes());
        totals.commits++;
        totals.records += written;
        discard();
        LOG.debug("Mapping '{}': committed {} records as version {} of {}", mappingName, written, version, tableUri);
        listener.onBatchCommitted(mappingName, version, written);
        faults.afterDeltaCommit(version);
        return committed;
    }

    private void discard() {
        rows.discard();
        flushes.clear();
    }
}
