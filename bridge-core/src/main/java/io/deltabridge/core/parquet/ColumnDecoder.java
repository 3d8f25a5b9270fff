package io.deltabridge.core.parquet;

import io.delta.kernel.data.ColumnVector;
import org.apache.parquet.column.ColumnReadStore;

/**
 * Fills one column of the batches of a Parquet file: {@link #startBatch} sizes the arrays, {@link #read} decodes rows
 * of the current row group into them (a batch may span row groups), {@link #vector} hands them over as a Kernel vector.
 * A column whose vector comes from elsewhere (not in the file, nested) only overrides {@link #vector}.
 */
abstract class ColumnDecoder {
    /** Called once per row group before its rows are read; {@code firstRowIndex} is the row group's first file row. */
    void startRowGroup(ColumnReadStore columns, long firstRowIndex) {}

    void startBatch(int rows) {}

    /** Decodes the next {@code count} rows of the row group into batch rows {@code [offset, offset + count)}. */
    void read(int offset, int count) {}

    /** The batch's vector; the decoder starts new arrays at the next {@link #startBatch}. */
    abstract ColumnVector vector(int rows);
}
