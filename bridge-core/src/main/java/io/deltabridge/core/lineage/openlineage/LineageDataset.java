package io.deltabridge.core.lineage.openlineage;

import io.delta.kernel.types.StructType;
import java.util.Optional;

/**
 * A dataset of a run as its events describe it: who it is, and what the run knows of it. The schema
 * gives the {@code schema} facet (and, matched by column name, the outputs' {@code columnLineage});
 * the version the {@code version} facet (the Delta table version); the statistics the output's
 * {@code outputStatistics}.
 */
public record LineageDataset(
        DatasetId id, Optional<StructType> schema, Optional<String> version, Optional<OutputStatistics> statistics) {

    /** What a run wrote to an output; {@code files} and {@code bytes} are -1 when not known. */
    public record OutputStatistics(long rows, long bytes, long files) {}

    public static LineageDataset of(DatasetId id) {
        return new LineageDataset(id, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public LineageDataset withSchema(StructType schema) {
        return new LineageDataset(id, Optional.ofNullable(schema), version, statistics);
    }

    public LineageDataset withVersion(long tableVersion) {
        return new LineageDataset(id, schema, Optional.of(Long.toString(tableVersion)), statistics);
    }

    public LineageDataset withStatistics(long rows, long bytes, long files) {
        return new LineageDataset(id, schema, version, Optional.of(new OutputStatistics(rows, bytes, files)));
    }
}
