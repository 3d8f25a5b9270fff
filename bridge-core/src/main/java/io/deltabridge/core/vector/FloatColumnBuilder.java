package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import java.util.Arrays;

/** FLOAT values. */
final class FloatColumnBuilder extends ColumnBuilder {
    private float[] values = new float[0];

    FloatColumnBuilder(DataType type, String path, boolean nullable) {
        super(type, path, nullable);
    }

    @Override
    public void appendFloat(float value) {
        put(value);
    }

    private void put(float value) {
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
        float[] v = values;
        return new BuiltVector(type(), size, nulls) {
            @Override
            public float getFloat(int rowId) {
                return v[rowId];
            }
        };
    }
}
