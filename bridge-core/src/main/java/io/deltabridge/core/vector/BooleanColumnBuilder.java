package io.deltabridge.core.vector;

import io.delta.kernel.types.DataType;

/** BOOLEAN values. */
final class BooleanColumnBuilder extends PrimitiveColumnBuilder<boolean[]> {
    BooleanColumnBuilder(DataType type, String path, boolean nullable) {
        super(type, path, nullable, boolean[]::new, 1);
    }

    @Override
    public void appendBoolean(boolean value) {
        int i = nextSlot();
        values[i] = value;
    }
}
