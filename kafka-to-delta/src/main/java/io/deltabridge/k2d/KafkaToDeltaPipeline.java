package io.deltabridge.k2d;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.MappingConfig;
import io.deltabridge.core.delta.TableUris;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.lineage.openlineage.LineageEmitter;
import io.deltabridge.core.metrics.MappingMeters;
import io.deltabridge.core.pipeline.ClientIds;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.pipeline.PipelineStatus;
import io.deltabridge.core.pipeline.Plan;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.k2d.delta.StoredOffsets;
import java.util.Optional;

/**
 * kafka → delta for one mapping (SPEC §5): a consumer in group {@code <bridge>.<mapping>}
 * decodes records straight into column batches and appends them with Delta Kernel, one commit
 * per flush, the next offset to read per partition stored in the same commit.
 *
 * <p>Exactly once: on every assignment the consumer seeks to the offsets stored in the table;
 * a commit is refused when another writer moved the offsets of its partitions meanwhile (the
 * batch is discarded and those partitions re-seek). Offsets are committed to the consumer group
 * only after the Delta commit, for lag tools; the table is the source of truth. Dead letters are
 * acknowledged before the commit that moves past them.
 *
 * <p>Single-threaded: {@link #runOnce()} / {@link #runContinuously()} run on the caller's
 * thread; {@link #stop()} may be called from any thread.
 */
public final class KafkaToDeltaPipeline implements io.deltabridge.core.pipeline.Pipeline {
    /** Rows per chunk handed to the Parquet writer thread: with {@link #CHUNK_BYTES}, bounds the memory of a batch. */
    static final int CHUNK_ROWS = 16_384;
    /** Decoded bytes at which a chunk is handed to the writer even before {@link #CHUNK_ROWS} rows (wide rows). */
    static final long CHUNK_BYTES = 16L << 20;

    private final String bridge;
    private final KafkaToDeltaMapping mapping;
    private final String tableUri;
    private final KafkaToDeltaMetrics metrics;
    private final MappingIdentity id;
    private final PipelineServices services;
    private final ConsumerLoop loop;
    private final StatusReporter reporter;

    KafkaToDeltaPipeline(
            String bridge,
            KafkaToDeltaMapping mapping,
            Engine engine,
            KafkaClientFactory kafka,
            Optional<SchemaRegistryClient> registry,
            PipelineListener listener,
            MappingMeters meters,
            FaultPoints faults,
            int chunkRows,
            LineageEmitter lineage) {
        this.bridge = bridge;
        this.mapping = mapping;
        this.tableUri = TableUris.normalize(mapping.table());
        this.metrics = new KafkaToDeltaMetrics(meters);
        this.id = new MappingIdentity(
                mapping,
                tableUri,
                StoredOffsets.domain(bridge, mapping.name()),
                groupId(),
                System.identityHashCode(this));
        this.services = new PipelineServices(
                engine,
                kafka,
                registry,
                listener,
                metrics,
                faults,
                chunkRows,
                CommitLineage.of(lineage, kafka, mapping, tableUri, groupId()));
        this.loop = new ConsumerLoop(id, services);
        this.reporter = new StatusReporter(id, services);
    }

    MappingIdentity identity() {
        return id;
    }

    PipelineServices services() {
        return services;
    }

    @Override
    public MappingConfig mapping() {
        return mapping;
    }

    /** The consumer group: {@code <bridge>.<mapping>} (see {@link ClientIds}). */
    public String groupId() {
        return ClientIds.of(bridge, mapping.name());
    }

    @Override
    public RunSummary runOnce() {
        return loop.run(true);
    }

    @Override
    public RunSummary runContinuously() {
        return loop.run(false);
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public PipelineStatus status() {
        return reporter.status();
    }

    @Override
    public Plan validate() {
        return reporter.validate();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "kafka→delta " + mapping.name() + " " + mapping.sourceDescription() + " → " + tableUri;
    }
}
