package io.deltabridge.core.parquet;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructField;
import org.apache.parquet.column.ColumnWriter;

/**
 * Feeds the values of one top-level column (a Kernel {@link ColumnVector}) into the Parquet column writers of its
 * leaves, a run of rows at a time: one leaf for a primitive column or an array of primitives, the key and value leaves
 * for a map.
 */
abstract class ColumnFeed {
    /** Index of the column's first leaf among the file's leaf columns. */
    final int leaf;

    final boolean nullable;

    ColumnFeed(int leaf, boolean nullable) {
        this.leaf = leaf;
        this.nullable = nullable;
    }

    /** The feed of {@code field} (of a schema {@link ColumnarSchema} takes), whose first leaf is {@code leaf}. */
    static ColumnFeed of(StructField field, int leaf) {
        if (field.getDataType() instanceof MapType map) {
            return new RepeatedFeed(leaf, field.isNullable(), map);
        }
        if (field.getDataType() instanceof ArrayType array) {
            return new RepeatedFeed(leaf, field.isNullable(), array);
        }
        return new PrimitiveFeed(leaf, field.isNullable(), ValueWriter.of(field.getDataType()));
    }

    /** How many leaf columns the column has. */
    abstract int leaves();

    /** Writes rows {@code rows[from, to)} of {@code vector} to its leaves among {@code writers}. */
    abstract void write(ColumnVector vector, int[] rows, int from, int to, ColumnWriter[] writers);

    static IllegalArgumentException nullIn(String what) {
        return new IllegalArgumentException("null in the NOT NULL " + what);
    }

    private static final class PrimitiveFeed extends ColumnFeed {
        private final ValueWriter value;

        PrimitiveFeed(int leaf, boolean nullable, ValueWriter value) {
            super(leaf, nullable);
            this.value = value;
        }

        @Override
        int leaves() {
            return 1;
        }

        @Override
        void write(ColumnVector vector, int[] rows, int from, int to, ColumnWriter[] writers) {
            ColumnWriter writer = writers[leaf];
            int defined = nullable ? 1 : 0;
            for (int i = from; i < to; i++) {
                int row = rows[i];
                if (!vector.isNullAt(row)) {
                    value.write(vector, row, writer, 0, defined);
                } else if (nullable) {
                    writer.writeNull(0, 0);
                } else {
                    throw nullIn("column of leaf " + leaf);
                }
            }
        }
    }

    /**
     * An array or a map as Parquet's LIST or MAP group: per row, the elements (or the entries' keys and values) at
     * repetition level 0 for the first and 1 for the others; a null or empty value is one null at the level where it
     * stops. Maps have two leaves (keys, values), arrays one.
     */
    private static final class RepeatedFeed extends ColumnFeed {
        private final boolean map;
        private final ValueWriter first;
        private final boolean firstNullable;
        private final ValueWriter second;
        private final boolean secondNullable;

        RepeatedFeed(int leaf, boolean nullable, ArrayType type) {
            super(leaf, nullable);
            this.map = false;
            this.first = ValueWriter.of(type.getElementType());
            this.firstNullable = type.containsNull();
            this.second = null;
            this.secondNullable = false;
        }

        RepeatedFeed(int leaf, boolean nullable, MapType type) {
            super(leaf, nullable);
            this.map = true;
            this.first = ValueWriter.of(type.getKeyType());
            this.firstNullable = false;
            this.second = ValueWriter.of(type.getValueType());
            this.secondNullable = type.isValueContainsNull();
        }

        @Override
        int leaves() {
            return map ? 2 : 1;
        }

        @Override
        void write(ColumnVector vector, int[] rows, int from, int to, ColumnWriter[] writers) {
            // an entry is defined one level below the value itself (if optional) and its repeated group
            int entry = nullable ? 2 : 1;
            for (int i = from; i < to; i++) {
                int row = rows[i];
                if (vector.isNullAt(row)) {
                    if (!nullable) {
                        throw nullIn("column of leaf " + leaf);
                    }
                    writeNull(writers, 0);
                    continue;
                }
                ColumnVector firsts;
                ColumnVector seconds = null;
                int size;
                if (map) {
                    MapValue m = vector.getMap(row);
                    firsts = m.getKeys();
                    seconds = m.getValues();
                    size = m.getSize();
                } else {
                    ArrayValue a = vector.getArray(row);
                    firsts = a.getElements();
                    size = a.getSize();
                }
                if (size == 0) {
                    writeNull(writers, entry - 1);
                    continue;
                }
                for (int e = 0; e < size; e++) {
                    int repetition = e == 0 ? 0 : 1;
                    write(firsts, e, first, firstNullable, writers[leaf], repetition, entry);
                    if (map) {
                        write(seconds, e, second, secondNullable, writers[leaf + 1], repetition, entry);
                    }
                }
            }
        }

        private void writeNull(ColumnWriter[] writers, int definitionLevel) {
            for (int l = 0; l < leaves(); l++) {
                writers[leaf + l].writeNull(0, definitionLevel);
            }
        }

        private void write(
                ColumnVector values,
                int e,
                ValueWriter value,
                boolean valueNullable,
                ColumnWriter writer,
                int repetition,
                int entry) {
            if (!values.isNullAt(e)) {
                value.write(values, e, writer, repetition, valueNullable ? entry + 1 : entry);
            } else if (valueNullable) {
                writer.writeNull(repetition, entry);
            } else {
                throw nullIn("element, key or value of leaf " + leaf);
            }
        }
    }
}
