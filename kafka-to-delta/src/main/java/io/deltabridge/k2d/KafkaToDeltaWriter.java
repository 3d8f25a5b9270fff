package io.deltabridge.k2d;

import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.delta.TableUris;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.lineage.LineageHeaders;
import io.deltabridge.core.lineage.openlineage.LineageEmitter;
import io.deltabridge.core.metrics.MappingMeters;
import io.deltabridge.core.pipeline.BridgeContext;
import io.deltabridge.core.pipeline.ClientIds;
import io.deltabridge.k2d.delta.DeltaAppender;
import io.deltabridge.k2d.delta.StoredOffsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

/**
 * A mapping's table as {@code bridge run} writes it (same decoders, write strategy and commit protocol), for a
 * runtime that consumes the records itself and decides when to commit: the Kafka Connect sink connector. The
 * table holds the next offset to read per partition, stored in the commit that wrote the records before it;
 * {@link #claim} reads them, {@link #commit} refuses to commit when another writer moved them meanwhile.
 * Not thread-safe.
 */
public final class KafkaToDeltaWriter implements AutoCloseable {
    private final MappingIdentity id;
    private final OpenBatch batch;
    private final TableOffsets offsets;
    private final BatchCommitter committer;

    private KafkaToDeltaWriter(BridgeContext context, KafkaToDeltaMapping mapping) {
        String bridge = context.config().name();
        this.id = new MappingIdentity(
                mapping,
                TableUris.normalize(mapping.table()),
                StoredOffsets.domain(bridge, mapping.name()),
                ClientIds.of(bridge, mapping.name()),
                System.identityHashCode(this));
        // no OpenLineage runs: they start where the bridge's own consumer loop reads records, and Connect reads these
        PipelineServices services = new PipelineServices(
                context.deltaEngine(),
                context.kafka(),
                context.schemaRegistry(),
                context.listener(),
                new KafkaToDeltaMetrics(new MappingMeters(context.meterRegistry(), bridge, mapping.name())),
                FaultPoints.NONE,
                KafkaToDeltaPipeline.CHUNK_ROWS,
                CommitLineage.of(LineageEmitter.NONE, context.kafka(), mapping, id.tableUri(), id.groupId()));
        DeltaAppender appender = TargetTable.open(services.engine(), mapping, id.domain(), services.registry());
        this.batch = new OpenBatch(new FlushTracker(mapping.flush()), WriteStrategies.of(id, services, appender));
        this.offsets = new TableOffsets(appender);
        this.committer = new BatchCommitter(id, services, appender, offsets, null);
    }

    /** Opens (or, with {@code to.create}, creates) the mapping's table. */
    public static KafkaToDeltaWriter open(BridgeContext context, KafkaToDeltaMapping mapping) {
        return new KafkaToDeltaWriter(context, mapping);
    }

    /** The next offset to read of each of {@code partitions} the table stores; they become the offsets commits expect. */
    public Map<TopicPartition, Long> claim(Collection<TopicPartition> partitions) {
        return offsets.claim(partitions);
    }

    /** The partitions went elsewhere: their offsets are no longer expected. */
    public void release(Collection<TopicPartition> partitions) {
        offsets.release(partitions);
    }

    /**
     * Adds a record to the open batch; a record of this very table (an echo of a delta → kafka mapping) is skipped.
     *
     * @return the error when the record cannot be written (it is consumed all the same: a dead letter)
     */
    public Optional<DataException> add(ConsumerRecord<byte[], byte[]> record) {
        batch.read(record.timestamp());
        Optional<DataException> rejected = Optional.empty();
        if (!LineageHeaders.comesFrom(record.headers(), id.tableUri())) {
            try {
                batch.add(record);
            } catch (DataException e) {
                rejected = Optional.of(e);
            }
        }
        batch.consumed(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        return rejected;
    }

    /**
     * The headers {@code bridge run} gives the dead letter of a record {@link #add} rejected: the record's own plus
     * deltabridge's error and source headers ({@code deltabridge.error.*}, {@code deltabridge.source.*}).
     */
    public static Headers deadLetterHeaders(ConsumerRecord<byte[], byte[]> record, DataException error) {
        return DeadLetters.headers(record, error);
    }

    /** Whether the flush policy's size limits are reached. */
    public boolean full() {
        return batch.full();
    }

    /**
     * Commits the open batch with its offsets in one Delta commit (nothing when it consumed nothing); false when
     * another writer moved the offsets meanwhile: the batch is discarded and the caller re-reads from {@link #claim}.
     */
    public boolean commit() {
        return batch.isEmpty() || committer.commit(batch).isPresent();
    }

    /** Forgets the open batch: its records are read again from the table's offsets. */
    public void discard() {
        batch.discard();
    }

    /** The offsets the table holds for the claimed partitions (a partition without stored offset is absent). */
    public Map<TopicPartition, Long> committedOffsets() {
        Map<TopicPartition, Long> held = new HashMap<>();
        offsets.expected().forEach((tp, offset) -> {
            if (offset != null) {
                held.put(tp, offset);
            }
        });
        return held;
    }

    @Override
    public void close() {
        batch.close();
    }
}
