package io.deltabridge.k2d.batch;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.DataType;
import java.util.Arrays;
import java.util.List;

/**
 * Builders for array, map and struct columns. Arrays and maps keep an end offset per row
 * into their child builders; a row is appended with {@code start()}, the children's values,
 * then {@code end()}.
 */
public final class NestedColumns {
    private NestedColumns() {}

    /** Shared offset bookkeeping of arrays and maps. */
    abstract static class Repeated extends ColumnBuilder {
        private int[] ends = new int[16];

        Repeated(DataType type) {
            super(type);
        }

        /** Number of child values so far (the start of the row being appended). */
        abstract int childSize();

        abstract void truncateChildren(int values);

        /** Closes the row whose children were appended since the previous row. */
        public void end() {
            int row = next();
            ends[row] = childSize();
        }

        @Override
        protected void appendDefault() {
            ends[size] = size == 0 ? 0 : ends[size - 1];
        }

        @Override
        public void truncate(int rows) {
            if (rows < size) {
                truncateChildren(rows == 0 ? 0 : ends[rows - 1]);
            }
            super.truncate(rows);
        }

        int start(int row) {
            return row == 0 ? 0 : ends[row - 1];
        }

        int end(int row) {
            return ends[row];
        }

        @Override protected int capacity() { return ends.length; }
        @Override protected void grow(int c) { ends = Arrays.copyOf(ends, c); }
    }

    /** array&lt;T&gt;. */
    public static final class ArrayColumn extends Repeated {
        private final ColumnBuilder elements;

        ArrayColumn(DataType type, ColumnBuilder elements) {
            super(type);
            this.elements = elements;
        }

        public ColumnBuilder elements() {
            return elements;
        }

        @Override int childSize() { return elements.size(); }
        @Override void truncateChildren(int values) { elements.truncate(values); }

        @Override
        public ColumnVector vector() {
            ColumnVector all = elements.vector();
            return new View() {
                @Override
                public ArrayValue getArray(int r) {
                    int from = start(r);
                    int count = end(r) - from;
                    ColumnVector slice = new SliceVector(all, from, count);
                    return new ArrayValue() {
                        @Override public int getSize() { return count; }
                        @Override public ColumnVector getElements() { return slice; }
                    };
                }
            };
        }
    }

    /** map&lt;K,V&gt;. */
    public static final class MapColumn extends Repeated {
        private final ColumnBuilder keys;
        private final ColumnBuilder values;

        MapColumn(DataType type, ColumnBuilder keys, ColumnBuilder values) {
            super(type);
            this.keys = keys;
            this.values = values;
        }

        public ColumnBuilder keys() {
            return keys;
        }

        public ColumnBuilder values() {
            return values;
        }

        @Override int childSize() { return keys.size(); }

        @Override
        void truncateChildren(int n) {
            keys.truncate(n);
            values.truncate(n);
        }

        @Override
        public ColumnVector vector() {
            ColumnVector allKeys = keys.vector();
            ColumnVector allValues = values.vector();
            return new View() {
                @Override
                public MapValue getMap(int r) {
                    int from = start(r);
                    int count = end(r) - from;
                    ColumnVector k = new SliceVector(allKeys, from, count);
                    ColumnVector v = new SliceVector(allValues, from, count);
                    return new MapValue() {
                        @Override public int getSize() { return count; }
                        @Override public ColumnVector getKeys() { return k; }
                        @Override public ColumnVector getValues() { return v; }
                    };
                }
            };
        }
    }

    /** struct&lt;...&gt;: one child builder per field, every child has one value per row. */
    public static final class StructColumn extends ColumnBuilder {
        private final List<ColumnBuilder> children;

        StructColumn(DataType type, List<ColumnBuilder> children) {
            super(type);
            this.children = List.copyOf(children);
        }

        public ColumnBuilder child(int i) {
            return children.get(i);
        }

        public int fieldCount() {
            return children.size();
        }

        /** Closes a non-null row whose fields were appended to every child. */
        public void end() {
            next();
        }

        @Override
        protected void appendDefault() {
            children.forEach(ColumnBuilder::appendNull);
        }

        @Override
        public void truncate(int rows) {
            children.forEach(c -> c.truncate(rows));
            super.truncate(rows);
        }

        @Override protected int capacity() { return Integer.MAX_VALUE; }
        @Override protected void grow(int c) {}

        @Override
        public ColumnVector vector() {
            ColumnVector[] vectors = children.stream().map(ColumnBuilder::vector).toArray(ColumnVector[]::new);
            return new View() {
                @Override public ColumnVector getChild(int i) { return vectors[i]; }
            };
        }
    }
}
