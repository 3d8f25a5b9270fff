package io.deltabridge.core.parquet;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructField;
import org.apache.parquet.column.ColumnWriter;

/**
 * Feeds the values of one top-level column (a Kernel {@link ColumnVector}) into the Parquet column writers of its
 * leaves, a run of rows at a time: one leaf for a primitive column, the key and value leaves for a map.
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
            return new MapFeed(leaf, field.isNullable(), map);
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
     * A map as Parquet's MAP group: per row, the entries' keys and values at repetition level 0 for the first entry and
     * 1 for the others; a null or empty map is one null at the level where it stops.
     */
    private static final class MapFeed extends ColumnFeed {
        private final ValueWriter key;
        private final ValueWriter value;
        private final boolean valueNullable;

        MapFeed(int leaf, boolean nullable, MapType type) {
            super(leaf, nullable);
            this.key = ValueWriter.of(type.getKeyType());
            this.value = ValueWriter.of(type.getValueType());
            this.valueNullable = type.isValueContainsNull();
        }

        @Override
        int leaves() {
            return 2;
        }

        @Override
        void write(ColumnVector vector, int[] rows, int from, int to, ColumnWriter[] writers) {
            ColumnWriter keys = writers[leaf];
            ColumnWriter values = writers[leaf + 1];
            // an entry is defined at one level below the map's own (optional map) and its repeated group
            int entry = nullable ? 2 : 1;
            for (int i = from; i < to; i++) {
                int row = rows[i];
                if (vector.isNullAt(row)) {
                    if (!nullable) {
                        throw nullIn("map of leaf " + leaf);
                    }
                    keys.writeNull(0, 0);
                    values.writeNull(0, 0);
                    continue;
                }
                MapValue map = vector.getMap(row);
                int size = map.getSize();
                if (size == 0) {
                    keys.writeNull(0, entry - 1);
                    values.writeNull(0, entry - 1);
                    continue;
                }
                ColumnVector k = map.getKeys();
                ColumnVector v = map.getValues();
                for (int e = 0; e < size; e++) {
                    int repetition = e == 0 ? 0 : 1;
                    if (k.isNullAt(e)) {
                        throw nullIn("key of the map of leaf " + leaf);
                    }
                    key.write(k, e, keys, repetition, entry);
                    if (!v.isNullAt(e)) {
                        value.write(v, e, values, repetition, valueNullable ? entry + 1 : entry);
                    } else if (valueNullable) {
                        values.writeNull(repetition, entry);
                    } else {
                        throw nullIn("value of the map of leaf " + leaf);
                    }
                }
            }
        }
    }
}
