package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.List;

/**
 * Builds Kernel {@link ColumnarBatch}es row by row, column by column, for any Delta schema
 * (nested arrays, maps and structs, nulls at every level), reusing its memory across batches.
 *
 * <pre>{@code
 * BatchBuilder b = new BatchBuilder(schema);
 * b.startRow();
 * try {
 *     b.column(0).appendLong(42);
 *     b.column(1).appendString("x");   // columns not appended become null
 *     b.commitRow();                   // throws DataException for a missing NOT NULL column
 * } catch (DataException e) {
 *     b.rollbackRow();                 // the batch is as before startRow()
 * }
 * ColumnarBatch batch = b.build();     // hand to ParquetHandler.writeParquetFiles
 * b.reset();                           // reuse the memory for the next batch
 * }</pre>
 *
 * <p>Rows are atomic: values appended after {@link #startRow()} belong to the open row until
 * {@link #commitRow()}, and {@link #rollbackRow()} removes all of them (nested values included).
 * A batch from {@link #build()} shares memory with the builder and stays valid until
 * {@link #reset()}. Not thread-safe.
 */
public final class BatchBuilder {
    private final StructType schema;
    private final ColumnBuilder[] columns;
    private int rowCount;
    private boolean rowOpen;

    public BatchBuilder(StructType schema) {
        this.schema = schema;
        List<StructField> fields = schema.fields();
        this.columns = new ColumnBuilder[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            StructField f = fields.get(i);
            columns[i] = ColumnBuilders.create(f.getDataType(), f.getName(), f.isNullable());
        }
    }

    public StructType schema() {
        return schema;
    }

    public int columnCount() {
        return columns.length;
    }

    /** The builder of the top-level column at {@code ordinal} (schema order). */
    public ColumnBuilder column(int ordinal) {
        return columns[ordinal];
    }

    /** The builder of the top-level column named {@code name}; throws when there is none. */
    public ColumnBuilder column(String name) {
        int i = schema.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + name + "' in " + schema.fieldNames());
        }
        return columns[i];
    }

    /** Rows committed since the last {@link #reset()}. */
    public int rowCount() {
        return rowCount;
    }

    /** Whether a row is open ({@link #startRow()} without commit or rollback yet). */
    public boolean inRow() {
        return rowOpen;
    }

    /** Opens a row: append at most one value to each column, then commit or roll back. */
    public void startRow() {
        if (rowOpen) {
            throw new IllegalStateException("startRow while row " + rowCount + " is open");
        }
        rowOpen = true;
    }

    /**
     * Completes the open row: columns without a value become null. A NOT NULL column without a value
     * rolls the row back and throws {@link io.deltabridge.core.error.DataException} naming it.
     */
    public void commitRow() {
        if (!rowOpen) {
            throw new IllegalStateException("commitRow without startRow");
        }
        try {
            ColumnBuilders.completeRow(columns, rowCount);
        } catch (RuntimeException e) {
            rollbackRow();
            throw e;
        }
        rowOpen = false;
        rowCount++;
    }

    /** Removes everything appended since {@link #startRow()}; does nothing to committed rows. */
    public void rollbackRow() {
        for (ColumnBuilder c : columns) {
            c.truncate(rowCount);
        }
        rowOpen = false;
    }

    /**
     * The committed rows as a Kernel batch, without copying: valid until {@link #reset()}.
     * Kernel's {@code ParquetHandler.writeParquetFiles} accepts it.
     */
    public ColumnarBatch build() {
        if (rowOpen) {
            throw new IllegalStateException("build while row " + rowCount + " is open");
        }
        ColumnVector[] vectors = new ColumnVector[columns.length];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = columns[i].vector();
        }
        return new BuiltBatch(schema, vectors, rowCount);
    }

    /** Forgets all rows and keeps the memory for the next batch; earlier built batches become invalid. */
    public void reset() {
        for (ColumnBuilder c : columns) {
            c.truncate(0);
        }
        rowCount = 0;
        rowOpen = false;
    }

    /** Approximate bytes of data appended (for flush-by-size policies); walks the builders. */
    public long byteSize() {
        long total = 0;
        for (ColumnBuilder c : columns) {
            total += c.byteSize();
        }
        return total;
    }
}
