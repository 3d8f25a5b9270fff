package io.deltabridge.core.parquet;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.ParquetHandler;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.Closeable;
import java.io.IOException;

/**
 * The nested columns (structs, arrays, maps) of a file the columnar path reads: Kernel's default reader reads just
 * those columns of the same file, batch for batch beside the columnar batches (both hold the batch size of rows,
 * across row groups, until the file's last batch), and each nested column's decoder hands over Kernel's vector.
 */
final class NestedColumns implements Closeable {
    private final ParquetHandler kernelDefault;
    private final FileStatus file;
    private StructType schema = new StructType();
    private CloseableIterator<ColumnarBatch> batches;
    private ColumnarBatch current;

    NestedColumns(ParquetHandler kernelDefault, FileStatus file) {
        this.kernelDefault = kernelDefault;
        this.file = file;
    }

    /** Adds a nested column of the read schema; its decoder gives Kernel's vector of it. */
    ColumnDecoder add(StructField field) {
        schema = schema.add(field);
        return new Column(schema.length() - 1);
    }

    boolean isEmpty() {
        return schema.length() == 0;
    }

    /** Moves to Kernel's next batch, which must hold the {@code rows} rows of the columnar batch. */
    void next(int rows) {
        if (batches == null) {
            batches = ColumnarFileResults.kernelBatches(kernelDefault, file, schema);
        }
        current = batches.hasNext() ? batches.next() : null;
        if (current == null || current.getSize() != rows) {
            throw new IllegalStateException("Kernel's reader gave the nested columns "
                    + (current == null ? "no batch" : "a batch of " + current.getSize() + " rows")
                    + " beside a columnar batch of " + rows + " rows");
        }
    }

    @Override
    public void close() throws IOException {
        if (batches != null) {
            batches.close();
        }
    }

    /** One nested column: the vector at {@code ordinal} of Kernel's current batch. */
    final class Column extends ColumnDecoder {
        private final int ordinal;

        Column(int ordinal) {
            this.ordinal = ordinal;
        }

        @Override
        ColumnVector vector(int rows) {
            return current.getColumnVector(ordinal);
        }
    }
}
