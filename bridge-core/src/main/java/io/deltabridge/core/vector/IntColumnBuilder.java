package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import java.util.Arrays;

/** INT values, and DATE values as days since 1970-01-01. */
final class IntColumnBuilder extends ColumnBuilder {
    private int[] values = new int[0];

    IntColumnBuilder(DataType type, String path, boolean nullable) {
        super(type, path, nullable);
    }

    @Override
    public void appendInt(int value) {
        put(value);
    }

    @Override
    public void appendDate(int daysSinceEpoch) {
        put(daysSinceEpoch);
    }

    private void put(int value) {
        int i = nextSlot();
        values[i] = value;
    }

    @Override
    void resize(int newCapacity) {
        values = Arrays.copyOf(values, newCapacity);
    }

    @Override
    long byteSize() {
        return (long) size * 4;
    }

    @Override
    public ColumnVector vector() {
        int[] v = values;
        return new BuiltVector(type(), size, nulls) {
            @Override
            public int getInt(int rowId) {
                return v[rowId];
            }
        };
    }
}
