package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import java.util.Arrays;

/** BIGINT values, and TIMESTAMP / TIMESTAMP_NTZ values as microseconds since the epoch. */
final class LongColumnBuilder extends ColumnBuilder {
    private long[] values = new long[0];

    LongColumnBuilder(DataType type, String path, boolean nullable) {
        super(type, path, nullable);
    }

    @Override
    public void appendLong(long value) {
        put(value);
    }

    @Override
    public void appendTimestamp(long microsSinceEpoch) {
        put(microsSinceEpoch);
    }

    private void put(long value) {
        int i = nextSlot();
        values[i] = value;
    }

    @Override
    void resize(int newCapacity) {
        values = Arrays.copyOf(values, newCapacity);
    }

    @Override
    long byteSize() {
        return (long) size * 8;
    }

    @Override
    public ColumnVector vector() {
        long[] v = values;
        return new BuiltVector(type(), size, nulls) {
            @Override
            public long getLong(int rowId) {
                return v[rowId];
            }
        };
    }
}
