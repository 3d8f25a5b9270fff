package io.deltabridge.d2k;

import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.lineage.openlineage.DatasetId;
import io.deltabridge.core.lineage.openlineage.LineageDataset;
import io.deltabridge.core.lineage.openlineage.MappingLineage;
import java.util.Arrays;
import java.util.List;

/**
 * The OpenLineage runs of a delta → kafka mapping: one per table version published, from its first
 * event sent (or the end of the run of the version before, in the same transaction) to the commit of
 * its last transaction. The input is the table in the schema the events
 * are presented in, the output the topic with the columns the events carry.
 */
final class VersionLineage {
    private final MappingLineage runs;
    private final DeltaToKafkaMapping mapping;
    private final DatasetId table;
    private final DatasetId topic;
    private LineageDataset input;
    private LineageDataset output;

    VersionLineage(MappingLineage runs, DeltaToKafkaMapping mapping, DatasetId table, DatasetId topic) {
        this.runs = runs;
        this.mapping = mapping;
        this.table = table;
        this.topic = topic;
    }

    /** The first event of a version is about to be sent. */
    void versionStarted(TableState latest) {
        if (!runs.enabled()) {
            return;
        }
        input = LineageDataset.of(table).withSchema(latest.schema());
        output = LineageDataset.of(topic).withSchema(published(latest.schema()));
        runs.start(List.of(input), List.of(output));
    }

    /**
     * The last transaction of the version is committed. The run of a version that shared the
     * transaction of the one before starts here: only one run is open at a time.
     */
    void versionPublished(long version, long events, long bytes) {
        if (!runs.isOpen() && input != null) {
            runs.start(List.of(input), List.of(output));
        }
        if (runs.isOpen()) {
            runs.complete(List.of(input.withVersion(version)), List.of(output.withStatistics(events, bytes, -1)));
        }
    }

    /** The run stopped inside a version and aborted its transaction. */
    void aborted() {
        runs.abort();
    }

    /** The run failed; {@code last}: the mapping stops, otherwise it starts over. */
    void failed(RuntimeException error, boolean last) {
        runs.fail(error, last);
    }

    /** The columns an event's value holds. */
    private StructType published(StructType schema) {
        int[] columns = Projection.of(mapping, schema).valueOrdinals();
        List<StructField> fields = Arrays.stream(columns).mapToObj(schema::at).toList();
        return new StructType(fields);
    }
}
