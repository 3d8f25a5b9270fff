package io.deltabridge.core.vector;

import io.delta.kernel.types.DataType;

/** BIGINT values, and TIMESTAMP / TIMESTAMP_NTZ values as microseconds since the epoch. */
final class LongColumnBuilder extends PrimitiveColumnBuilder<long[]> {
    LongColumnBuilder(DataType type, String path, boolean nullable) {
        super(type, path, nullable, long[]::new, Long.BYTES);
    }

    @Override
    public void appendLong(long value) {
        int i = nextSlot();
        values[i] = value;
    }

    @Override
    public void appendTimestamp(long microsSinceEpoch) {
        appendLong(microsSinceEpoch);
    }
}
