package io.deltabridge.core.vector;

import io.delta.kernel.types.DataType;

/** FLOAT values. */
final class FloatColumnBuilder extends PrimitiveColumnBuilder<float[]> {
    FloatColumnBuilder(DataType type, String path, boolean nullable) {
        super(type, path, nullable, float[]::new, Float.BYTES);
    }

    @Override
    public void appendFloat(float value) {
        int i = nextSlot();
        values[i] = value;
    }
}
