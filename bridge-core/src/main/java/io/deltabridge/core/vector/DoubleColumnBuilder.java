package io.deltabridge.core.vector;

import io.delta.kernel.types.DataType;

/** DOUBLE values. */
final class DoubleColumnBuilder extends PrimitiveColumnBuilder<double[]> {
    DoubleColumnBuilder(DataType type, String path, boolean nullable) {
        super(type, path, nullable, double[]::new, Double.BYTES);
    }

    @Override
    public void appendDouble(double value) {
        int i = nextSlot();
        values[i] = value;
    }
}
