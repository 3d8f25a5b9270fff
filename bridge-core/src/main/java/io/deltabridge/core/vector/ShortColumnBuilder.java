package io.deltabridge.core.vector;

import io.delta.kernel.types.DataType;

/** SMALLINT values. */
final class ShortColumnBuilder extends PrimitiveColumnBuilder<short[]> {
    ShortColumnBuilder(DataType type, String path, boolean nullable) {
        super(type, path, nullable, short[]::new, Short.BYTES);
    }

    @Override
    public void appendShort(short value) {
        int i = nextSlot();
        values[i] = value;
    }
}
