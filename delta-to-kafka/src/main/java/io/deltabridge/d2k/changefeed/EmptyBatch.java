package io.deltabridge.d2k.changefeed;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StructType;

/** A batch with the columns of a schema and no rows (the data of an end-of-version batch). */
record EmptyBatch(StructType schema) implements ColumnarBatch {
    @Override
    public StructType getSchema() {
        return schema;
    }

    @Override
    public ColumnVector getColumnVector(int ordinal) {
        DataType type = schema.at(ordinal).getDataType();
        return new ColumnVector() {
            @Override
            public DataType getDataType() {
                return type;
            }

            @Override
            public int getSize() {
                return 0;
            }

            @Override
            public void close() {}

            @Override
            public boolean isNullAt(int rowId) {
                throw new IndexOutOfBoundsException("empty vector, row " + rowId);
            }
        };
    }

    @Override
    public int getSize() {
        return 0;
    }
}
