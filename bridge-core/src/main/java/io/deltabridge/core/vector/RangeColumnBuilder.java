package io.deltabridge.core.vector;

import io.delta.kernel.types.DataType;
import java.util.Arrays;

/**
 * Values that are ranges of entries held elsewhere (the UTF-8 bytes of strings, the elements of
 * arrays, the entries of maps): value i spans entries {@code [offsets[i], offsets[i + 1])}, and a
 * null is an empty range.
 */
abstract class RangeColumnBuilder extends ColumnBuilder {
    /** One more than the values: {@code offsets[0]} is 0, {@code offsets[i + 1]} is where value i ends. */
    int[] offsets = new int[1];

    RangeColumnBuilder(DataType type, String path, boolean nullable) {
        super(type, path, nullable);
    }

    @Override
    final void onNull(int i) {
        offsets[i + 1] = offsets[i];
    }

    @Override
    final void resize(int newCapacity) {
        offsets = Arrays.copyOf(offsets, newCapacity + 1);
    }

    /** Approximate bytes of the offsets of the appended values. */
    final long offsetBytes() {
        return (long) Integer.BYTES * size;
    }
}
