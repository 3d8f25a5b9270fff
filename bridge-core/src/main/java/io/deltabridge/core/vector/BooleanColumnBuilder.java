package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import java.util.Arrays;

/** BOOLEAN values. */
final class BooleanColumnBuilder extends ColumnBuilder {
    private boolean[] values = new boolean[0];

    BooleanColumnBuilder(DataType type, String path, boolean nullable) {
        super(type, path, nullable);
    }

    @Override
    public void appendBoolean(boolean value) {
        put(value);
    }

    private void put(boolean value) {
        int i = nextSlot();
        values[i] = value;
    }

    @Override
    void resize(int newCapacity) {
        values = Arrays.copyOf(values, newCapacity);
    }

    @Override
    long byteSize() {
        return (long) size * 1;
    }

    @Override
    public ColumnVector vector() {
        boolean[] v = values;
        return new BuiltVector(type(), size, nulls) {
            @Override
            public boolean getBoolean(int rowId) {
                return v[rowId];
            }
        };
    }
}
