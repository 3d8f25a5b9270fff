package io.deltabridge.k2d.delta;

import io.delta.kernel.Transaction;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.utils.DataFileStatus;
import java.util.List;
import java.util.Map;

/** Parquet files written for one batch and not yet committed. */
public record PendingWrite(Transaction transaction, List<FileGroup> groups, long rows) {

    /** Files of one partition value (an empty map for unpartitioned tables). */
    public record FileGroup(Map<String, Literal> partitionValues, List<DataFileStatus> files) {}

    public long files() {
        return groups.stream().mapToLong(g -> g.files().size()).sum();
    }

    public long bytes() {
        return groups.stream().flatMap(g -> g.files().stream()).mapToLong(DataFileStatus::getSize).sum();
    }
}
