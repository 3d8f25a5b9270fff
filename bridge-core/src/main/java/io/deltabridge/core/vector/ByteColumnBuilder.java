package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import java.util.Arrays;

/** TINYINT values. */
final class ByteColumnBuilder extends ColumnBuilder {
    private byte[] values = new byte[0];

    ByteColumnBuilder(DataType type, String path, boolean nullable) {
        super(type, path, nullable);
    }

    @Override
    public void appendByte(byte value) {
        put(value);
    }

    private void put(byte value) {
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
        byte[] v = values;
        return new BuiltVector(type(), size, nulls) {
            @Override
            public byte getByte(int rowId) {
                return v[rowId];
            }
        };
    }
}
