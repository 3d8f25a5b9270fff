package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;

/** A vector of {@code size} nulls of any type; no storage. */
record NullVector(DataType type, int size) implements ColumnVector {
    @Override
    public DataType getDataType() {
        return type;
    }

    @Override
    public int getSize() {
        return size;
    }

    @Override
    public void close() {}

    @Override
    public boolean isNullAt(int rowId) {
        if (rowId < 0 || rowId >= size) {
            throw new IndexOutOfBoundsException("row " + rowId + " of a null vector of " + size);
        }
        return true;
    }
}
