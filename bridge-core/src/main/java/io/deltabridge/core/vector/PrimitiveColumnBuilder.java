package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import java.util.function.IntFunction;

/**
 * Fixed-width values in one primitive array ({@code A} is {@code int[]}, {@code long[]} ...): this
 * class grows the array, sizes it and exposes it as a {@link PrimitiveVector}; a subclass only
 * writes its typed appends into {@link #values}. The hot path stays a plain array store: no boxing,
 * no call per value beyond {@link #nextSlot()}.
 */
abstract class PrimitiveColumnBuilder<A> extends ColumnBuilder {
    private final IntFunction<A> newArray;
    private final int valueBytes;
    /**
     * The values; read it after {@link #nextSlot()}, which may replace it by a larger array:
     * {@code int i = nextSlot(); values[i] = value;}.
     */
    A values;

    PrimitiveColumnBuilder(DataType type, String path, boolean nullable, IntFunction<A> newArray, int valueBytes) {
        super(type, path, nullable);
        this.newArray = newArray;
        this.valueBytes = valueBytes;
        this.values = newArray.apply(0);
    }

    @Override
    final void resize(int newCapacity) {
        A grown = newArray.apply(newCapacity);
        // called when the array is full, so size is its length
        System.arraycopy(values, 0, grown, 0, size);
        values = grown;
    }

    @Override
    final long byteSize() {
        return (long) size * valueBytes;
    }

    @Override
    public final ColumnVector vector() {
        return new PrimitiveVector(type(), size, nulls, values);
    }
}
