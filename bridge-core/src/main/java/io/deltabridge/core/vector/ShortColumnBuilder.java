package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import java.util.Arrays;

/** SMALLINT values. */
final class ShortColumnBuilder extends ColumnBuilder {
    private short[] values = new short[0];

    ShortColumnBuilder(DataType type, String path, boolean nullable) {
        super(type, path, nullable);
    }

    @Override
    public void appendShort(short value) {
        put(value);
    }

    private void put(short value) {
        int i = nextSlot();
        values[i] = value;
    }

    @Override
    void resize(int newCapacity) {
        values = Arrays.copyOf(values, newCapacity);
    }

    @Override
    long byteSize() {
        return (long) size * 2;
    }

    @Override
    public ColumnVector vector() {
        short[] v = values;
        return new BuiltVector(type(), size, nulls) {
            @Override
            public short getShort(int rowId) {
                return v[rowId];
            }
        };
    }
}
