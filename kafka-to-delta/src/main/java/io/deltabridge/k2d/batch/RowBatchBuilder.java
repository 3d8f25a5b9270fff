package io.deltabridge.k2d.batch;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;

/**
 * Rows of one table schema, column by column. A decoder appends one value per top-level
 * column between {@link #startRow()} and {@link #commitRow()}; {@link #rollbackRow()}
 * removes a partly decoded row.
 */
public final class RowBatchBuilder {
    private final StructType schema;
    private final ColumnBuilder[] columns;
    private int rows;

    public RowBatchBuilder(StructType schema) {
        this.schema = schema;
        this.columns = schema.fields().stream().map(f -> ColumnBuilders.forType(f.getDataType())).toArray(ColumnBuilder[]::new);
    }

    public StructType schema() {
        return schema;
    }

    public ColumnBuilder column(int ordinal) {
        return columns[ordinal];
    }

    public int rows() {
        return rows;
    }

    public void startRow() {
        // a row left open by a failed decode must not leak into the next one
        rollbackRow();
    }

    /** Fills columns the row did not set with null, then closes the row. */
    public void commitRow() {
        for (ColumnBuilder c : columns) {
            if (c.size() == rows) {
                c.appendNull();
            }
        }
        rows++;
    }

    public void rollbackRow() {
        for (ColumnBuilder c : columns) {
            c.truncate(rows);
        }
    }

    public void clear() {
        for (ColumnBuilder c : columns) {
            c.clear();
        }
        rows = 0;
    }

    /** A Kernel batch over the committed rows; valid until this builder changes. */
    public ColumnarBatch build() {
        int n = rows;
        ColumnVector[] vectors = new ColumnVector[columns.length];
        for (int i = 0; i < columns.length; i++) {
            vectors[i] = columns[i].vector();
        }
        return new VectorBatch(schema, vectors, n);
    }
}
