package io.deltabridge.core.vector;

import io.delta.kernel.types.DataType;

/**
 * ARRAY and MAP values: between {@code begin} and {@code end} the caller appends the value's
 * entries to the entry builders (the elements; or the keys and the values, pairwise), which hold
 * the entries of all values one after the other.
 */
abstract class CollectionColumnBuilder extends RangeColumnBuilder {
    /** "Array" or "Map", as in the names of the begin and end methods, for messages. */
    private final String kind;

    private final ColumnBuilder[] entries;
    private boolean open;

    CollectionColumnBuilder(DataType type, String path, boolean nullable, String kind, ColumnBuilder... entries) {
        super(type, path, nullable);
        this.kind = kind;
        this.entries = entries;
    }

    final void begin() {
        if (open) {
            throw new IllegalStateException("begin" + kind + " twice on '" + path() + "' without end" + kind);
        }
        open = true;
    }

    /** Ends the open value after {@link #checkEntries()}: it spans the entries appended since {@link #begin()}. */
    final void end() {
        if (!open) {
            throw new IllegalStateException("end" + kind + " on '" + path() + "' without begin" + kind);
        }
        checkEntries();
        open = false;
        int i = nextSlot();
        offsets[i + 1] = entries[0].size;
    }

    /** Throws when the entry builders do not hold whole entries; default nothing. */
    void checkEntries() {}

    @Override
    final void truncate(int newSize) {
        open = false;
        for (ColumnBuilder e : entries) {
            e.truncate(offsets[newSize]);
        }
        super.truncate(newSize);
    }

    @Override
    final long byteSize() {
        long total = offsetBytes();
        for (ColumnBuilder e : entries) {
            total += e.byteSize();
        }
        return total;
    }
}
