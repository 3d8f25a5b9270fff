package io.deltabridge.core.vector;

import io.delta.kernel.types.DataType;

/** TINYINT values. */
final class ByteColumnBuilder extends PrimitiveColumnBuilder<byte[]> {
    ByteColumnBuilder(DataType type, String path, boolean nullable) {
        super(type, path, nullable, byte[]::new, Byte.BYTES);
    }

    @Override
    public void appendByte(byte value) {
        int i = nextSlot();
        values[i] = value;
    }
}
