package io.deltabridge.d2k.changefeed;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;
import java.util.Objects;

/**
 * A slice of the change rows of one table version, as read from one Parquet batch.
 *
 * <p>{@link #data()} holds the table's columns (logical names, in the schema of {@link #version()});
 * only the selected rows are changes: iterate them with
 * <pre>{@code
 * for (int k = 0; k < batch.selectedCount(); k++) {
 *     int row = batch.selectedRow(k);          // row id in data()
 *     long ordinal = batch.ordinal(k);         // position of this change in its version
 *     ChangeType type = batch.changeType(row);
 * }
 * }</pre>
 *
 * <p>Ordinals number the change rows of a version 0, 1, 2, ... over all change types (including
 * {@link ChangeType#UPDATE_PREIMAGE}), in an order that is the same every time the version is read.
 *
 * <p>Each version of a read ends with one <em>end-of-version</em> batch ({@link #endOfVersion()}
 * true, no rows), also for versions without changes (OPTIMIZE, metadata-only commits): its
 * {@link #nextOrdinal()} is the number of change rows of the version.
 *
 * <p>The vectors of {@link #data()} are only valid until the iterator that returned this batch
 * moves on: consume (encode) a batch before asking for the next one.
 */
public final class ChangeBatch {
    private final long version;
    private final long commitTimestampMillis;
    private final StructType schema;
    private final ColumnarBatch data;
    private final int[] selectedRows;
    private final int selectedCount;
    private final long firstOrdinal;
    private final RowChangeTypes changeTypes;
    private final boolean endOfVersion;

    ChangeBatch(
            long version,
            long commitTimestampMillis,
            StructType schema,
            ColumnarBatch data,
            int[] selectedRows,
            int selectedCount,
            long firstOrdinal,
            RowChangeTypes changeTypes,
            boolean endOfVersion) {
        this.version = version;
        this.commitTimestampMillis = commitTimestampMillis;
        this.schema = Objects.requireNonNull(schema);
        this.data = Objects.requireNonNull(data);
        this.selectedRows = selectedRows;
        this.selectedCount = selectedCount;
        this.firstOrdinal = firstOrdinal;
        this.changeTypes = changeTypes;
        this.endOfVersion = endOfVersion;
    }

    /** The table version (commit) these changes belong to. */
    public long version() {
        return version;
    }

    /** The commit timestamp in epoch milliseconds (in-commit timestamp, else the commit file's modification time): Spark's {@code _commit_timestamp}. */
    public long commitTimestampMillis() {
        return commitTimestampMillis;
    }

    /** The logical table schema at {@link #version()}; {@link #data()} has exactly these columns. */
    public StructType schema() {
        return schema;
    }

    /** The rows, all table columns; only {@link #selectedRow(int) selected rows} are changes. */
    public ColumnarBatch data() {
        return data;
    }

    /** How many rows of {@link #data()} are change rows. */
    public int selectedCount() {
        return selectedCount;
    }

    /** The row id in {@link #data()} of the {@code k}-th change row of this batch ({@code 0 <= k < selectedCount()}), increasing with k. */
    public int selectedRow(int k) {
        Objects.checkIndex(k, selectedCount);
        return selectedRows[k];
    }

    /** The ordinal in its version of the {@code k}-th change row of this batch: {@code firstOrdinal() + k}. */
    public long ordinal(int k) {
        Objects.checkIndex(k, selectedCount);
        return firstOrdinal + k;
    }

    /** The ordinal of the first change row of this batch. */
    public long firstOrdinal() {
        return firstOrdinal;
    }

    /** The ordinal the next change row of this version will have; on the end-of-version batch, the version's number of change rows. */
    public long nextOrdinal() {
        return firstOrdinal + selectedCount;
    }

    /** The change type of row {@code rowId} of {@link #data()} (a selected row). */
    public ChangeType changeType(int rowId) {
        return changeTypes.at(rowId);
    }

    /** True for the empty batch that closes each version of a read. */
    public boolean endOfVersion() {
        return endOfVersion;
    }

    @Override
    public String toString() {
        return "ChangeBatch[version=" + version + ", rows=" + selectedCount + ", firstOrdinal=" + firstOrdinal
                + (endOfVersion ? ", endOfVersion" : "") + "]";
    }
}
