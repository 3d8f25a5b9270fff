package io.deltabridge.core.vector;

import io.delta.kernel.types.DataType;

/** INT values, and DATE values as days since 1970-01-01. */
final class IntColumnBuilder extends PrimitiveColumnBuilder<int[]> {
    IntColumnBuilder(DataType type, String path, boolean nullable) {
        super(type, path, nullable, int[]::new, Integer.BYTES);
    }

    @Override
    public void appendInt(int value) {
        int i = nextSlot();
        values[i] = value;
    }

    @Override
    public void appendDate(int daysSinceEpoch) {
        appendInt(daysSinceEpoch);
    }
}
