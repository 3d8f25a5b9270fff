package io.deltabridge.k2d;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.lineage.openlineage.DatasetId;
import io.deltabridge.core.lineage.openlineage.LineageDataset;
import io.deltabridge.core.lineage.openlineage.LineageEmitter;
import io.deltabridge.core.lineage.openlineage.MappingLineage;
import io.deltabridge.k2d.delta.TableChange;
import java.util.List;
import java.util.Set;

/**
 * The OpenLineage runs of a kafka → delta mapping: one per commit to the table, from the first record
 * of its batch to the commit. The inputs are the topics, described by the table columns their records
 * fill (the lineage columns and {@code _rescued_data} are the bridge's own); the output is the table.
 * Owned by the consumer loop's thread.
 */
final class CommitLineage {
    /** Columns the bridge fills itself: they come from no field of the records' values. */
    private static final Set<String> BRIDGE_COLUMNS = Set.copyOf(concat(LineageColumns.ALL, "_rescued_data"));

    private final MappingLineage runs;
    private final List<DatasetId> topics;
    private final DatasetId table;
    private boolean open;
    private List<LineageDataset> inputs;
    private LineageDataset output;

    CommitLineage(MappingLineage runs, List<DatasetId> topics, DatasetId table) {
        this.runs = runs;
        this.topics = topics;
        this.table = table;
    }

    /** The runs of {@code mapping} writing {@code tableUri}, as job {@code job} (the mapping's consumer group). */
    static CommitLineage of(
            LineageEmitter emitter,
            KafkaClientFactory kafka,
            KafkaToDeltaMapping mapping,
            String tableUri,
            String job) {
        String servers = kafka.settings().getOrDefault("bootstrap.servers", "");
        // a pattern's topics come and go: its input dataset is named by the pattern
        List<DatasetId> topics = mapping.topicPattern().map(List::of).orElse(mapping.topics()).stream()
                .map(t -> DatasetId.topic(servers, t))
                .toList();
        DatasetId table = DatasetId.table(tableUri);
        return new CommitLineage(emitter.forMapping(job, topics, List.of(table)), topics, table);
    }

    /** A record is read: the first one of a batch starts a run. Called for every record, so cheap. */
    void recordRead(StructType tableSchema) {
        if (open || !runs.enabled()) {
            return;
        }
        open = true;
        StructType values = new StructType(tableSchema.fields().stream()
                .filter(f -> !BRIDGE_COLUMNS.contains(f.getName()))
                .toList());
        inputs = topics.stream()
                .map(t -> LineageDataset.of(t).withSchema(values))
                .toList();
        output = LineageDataset.of(table).withSchema(tableSchema);
        runs.start(inputs, List.of(output));
    }

    /** The batch is committed as {@code version}. */
    void committed(long version, TableChange change) {
        if (open) {
            open = false;
            runs.complete(
                    inputs,
                    List.of(output.withVersion(version).withStatistics(change.rows(), change.bytes(), change.files())));
        }
    }

    /** The batch was dropped uncommitted (another writer moved the offsets, partitions were lost). */
    void discarded() {
        open = false;
        runs.abort();
    }

    /** The run failed; {@code last}: the mapping stops, otherwise it starts over from the table's offsets. */
    void failed(RuntimeException error, boolean last) {
        open = false;
        runs.fail(error, last);
    }

    private static List<String> concat(List<String> names, String name) {
        return java.util.stream.Stream.concat(names.stream(), java.util.stream.Stream.of(name))
                .toList();
    }
}
