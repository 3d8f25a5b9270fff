package io.deltabridge.core.parquet;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultConstantVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultLongVector;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.LongType;
import java.util.Optional;
import org.apache.parquet.column.ColumnReadStore;

/** The columns of a batch that are not read from a column chunk. */
final class MetadataDecoders {
    private MetadataDecoders() {}

    /** Kernel's row-index metadata column: the row's position in the file. */
    static final class RowIndex extends ColumnDecoder {
        private long rowIndex;
        private long[] values;

        @Override
        void startRowGroup(ColumnReadStore columns, long firstRowIndex) {
            rowIndex = firstRowIndex;
        }

        @Override
        void startBatch(int rows) {
            values = new long[rows];
        }

        @Override
        void read(int offset, int count) {
            for (int row = offset; row < offset + count; row++) {
                values[row] = rowIndex++;
            }
        }

        @Override
        ColumnVector vector(int rows) {
            return new DefaultLongVector(LongType.LONG, rows, Optional.empty(), values);
        }
    }

    /** A column of the read schema that the file does not have (added to the table later): all null. */
    static final class Missing extends ColumnDecoder {
        private final DataType type;

        Missing(DataType type) {
            this.type = type;
        }

        @Override
        ColumnVector vector(int rows) {
            return new DefaultConstantVector(type, rows, null);
        }
    }
}
