package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import java.util.Arrays;

/** DOUBLE values. */
final class DoubleColumnBuilder extends ColumnBuilder {
    private double[] values = new double[0];

    DoubleColumnBuilder(DataType type, String path, boolean nullable) {
        super(type, path, nullable);
    }

    @Override
    public void appendDouble(double value) {
        put(value);
    }

    private void put(double value) {
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
        double[] v = values;
        return new BuiltVector(type(), size, nulls) {
            @Override
            public double getDouble(int rowId) {
                return v[rowId];
            }
        };
    }
}
