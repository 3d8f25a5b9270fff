package io.deltabridge.k2d.batch;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import java.util.Arrays;

/**
 * Growable, column-oriented storage for one Delta column. Values are appended row by row
 * by decoders; {@link #vector()} exposes the content as a Kernel {@link ColumnVector}
 * without copying. {@link #truncate(int)} drops rows from the end, so a record that fails
 * half-way through decoding leaves no trace (row-level rollback).
 */
public abstract class ColumnBuilder {
    private final DataType type;
    private boolean[] nulls = new boolean[16];
    protected int size;

    protected ColumnBuilder(DataType type) {
        this.type = type;
    }

    public final DataType type() {
        return type;
    }

    public final int size() {
        return size;
    }

    public void appendNull() {
        ensure(size + 1);
        nulls[size] = true;
        appendDefault();
        size++;
    }

    /** Drops every row at index {@code rows} and above. */
    public void truncate(int rows) {
        size = Math.min(size, rows);
    }

    public final void clear() {
        truncate(0);
    }

    /** Marks the next row as non-null and makes room for it; returns its index. */
    protected final int next() {
        ensure(size + 1);
        nulls[size] = false;
        return size++;
    }

    final boolean isNull(int row) {
        return nulls[row];
    }

    /** Capacity of the value storage of subclasses; grown with {@link #grow}. */
    protected abstract int capacity();

    protected abstract void grow(int capacity);

    /** Stores a placeholder value for a null row (nested builders append nothing). */
    protected void appendDefault() {}

    private void ensure(int needed) {
        if (needed > nulls.length) {
            nulls = Arrays.copyOf(nulls, Math.max(needed, nulls.length * 2));
        }
        if (needed > capacity()) {
            grow(Math.max(needed, capacity() * 2));
        }
    }

    /** A view of the rows appended so far; valid until the builder is changed. */
    public abstract ColumnVector vector();

    /** Base of the vectors handed to Kernel: type, size and nulls come from the builder. */
    abstract class View implements ColumnVector {
        private final int rows = size;

        @Override
        public DataType getDataType() {
            return type;
        }

        @Override
        public int getSize() {
            return rows;
        }

        @Override
        public boolean isNullAt(int rowId) {
            return nulls[rowId];
        }

        @Override
        public void close() {}
    }
}
