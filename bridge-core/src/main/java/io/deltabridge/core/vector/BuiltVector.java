package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;

/** Base of the vectors a {@link ColumnBuilder} exposes: a fixed size over the builder's arrays. */
abstract class BuiltVector implements ColumnVector {
    private final DataType type;
    final int size;
    private final boolean[] nulls;

    BuiltVector(DataType type, int size, boolean[] nulls) {
        this.type = type;
        this.size = size;
        this.nulls = nulls;
    }

    @Override
    public DataType getDataType() {
        return type;
    }

    @Override
    public int getSize() {
        return size;
    }

    @Override
    public boolean isNullAt(int rowId) {
        if (rowId < 0 || rowId >= size) {
            throw new IndexOutOfBoundsException("row " + rowId + " of a vector of size " + size);
        }
        return nulls[rowId];
    }

    @Override
    public void close() {
        // memory belongs to the builder
    }
}
