package io.deltabridge.k2d.delta;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import java.util.Optional;
import java.util.function.IntPredicate;

/** A selection vector over a batch: which of its rows are written. */
final class Selection implements ColumnVector {
    private final boolean[] selected;

    Selection(boolean[] selected) {
        this.selected = selected;
    }

    /** The rows both selections select (an empty selection selects every row); a view, nothing copied. */
    static Optional<ColumnVector> both(Optional<ColumnVector> a, Optional<ColumnVector> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? b : a;
        }
        ColumnVector x = a.get();
        ColumnVector y = b.get();
        return Optional.of(of(x.getSize(), row -> selected(x, row) && selected(y, row)));
    }

    /** A selection of {@code size} rows that selects those {@code selected} says; a view, nothing copied. */
    static ColumnVector of(int size, IntPredicate selected) {
        return new ColumnVector() {
            @Override
            public DataType getDataType() {
                return BooleanType.BOOLEAN;
            }

            @Override
            public int getSize() {
                return size;
            }

            @Override
            public void close() {}

            @Override
            public boolean isNullAt(int row) {
                return false;
            }

            @Override
            public boolean getBoolean(int row) {
                return selected.test(row);
            }
        };
    }

    /** Whether {@code selection} selects no row. */
    static boolean none(ColumnVector selection) {
        for (int row = 0; row < selection.getSize(); row++) {
            if (selected(selection, row)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code row} of {@code b} is selected (no selection vector: every row is). */
    static boolean selected(FilteredColumnarBatch b, int row) {
        return b.getSelectionVector().map(v -> selected(v, row)).orElse(true);
    }

    private static boolean selected(ColumnVector v, int row) {
        return !v.isNullAt(row) && v.getBoolean(row);
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
