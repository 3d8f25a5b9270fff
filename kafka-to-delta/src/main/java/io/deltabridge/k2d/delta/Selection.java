package io.deltabridge.k2d.delta;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;

/** A selection vector over a batch: which of its rows are written. */
final class Selection implements ColumnVector {
    private final boolean[] selected;

    Selection(boolean[] selected) {
        this.selected = selected;
    }

    @Override
    public DataType getDataType() {
        return BooleanType.BOOLEAN;
    }

    @Override
    public int getSize() {
        return selected.length;
    }

    @Override
    public boolean isNullAt(int rowId) {
        return false;
    }

    @Override
    public boolean getBoolean(int rowId) {
        return selected[rowId];
    }

    @Override
    public void close() {}
}
