package io.deltabridge.core.parquet;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultArrayVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultMapVector;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReadStore;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation.ListLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.MapLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Arrays and maps of primitives, read column-wise like the primitive columns: a top-level column in the standard
 * layouts of the Parquet format (a three-level {@code LIST}, a {@code MAP} of a required key and a value) whose
 * element, key and value are primitives the {@link ValueDecoders} know. The element (or key and value) decoders fill
 * one array for the whole batch, grown as rows bring elements; offsets and nulls make Kernel's array and map vectors
 * of them. Anything else (older list layouts such as Spark's legacy one, nested collections, structs) is left to
 * Kernel's reader.
 */
final class CollectionDecoders {
    private CollectionDecoders() {}

    /** The decoder of {@code type} stored as top-level file column {@code column}, or empty if Kernel must read it. */
    static Optional<Collection> of(DataType type, Type column) {
        if (column.isPrimitive() || column.isRepetition(Type.Repetition.REPEATED)) {
            return Optional.empty();
        }
        GroupType group = column.asGroupType();
        List<ColumnDescriptor> leaves = new MessageType("column", column).getColumns();
        if (type instanceof ArrayType array
                && group.getLogicalTypeAnnotation() instanceof ListLogicalTypeAnnotation
                && isStandardList(group)) {
            ParquetColumnDecoder elements = ValueDecoders.forType(array.getElementType(), leaves.get(0));
            return elements == null ? Optional.empty() : Optional.of(new Lists(array, elements));
        }
        if (type instanceof MapType map
                && group.getLogicalTypeAnnotation() instanceof MapLogicalTypeAnnotation
                && isStandardMap(group)) {
            ParquetColumnDecoder keys = ValueDecoders.forType(map.getKeyType(), leaves.get(0));
            ParquetColumnDecoder values = ValueDecoders.forType(map.getValueType(), leaves.get(1));
            return keys == null || values == null ? Optional.empty() : Optional.of(new Maps(map, keys, values));
        }
        return Optional.empty();
    }

    /** {@code <list> (LIST) { repeated group list { <element> } }} with a primitive element. */
    private static boolean isStandardList(GroupType list) {
        if (list.getFieldCount() != 1 || list.getType(0).isPrimitive()) {
            return false;
        }
        GroupType repeated = list.getType(0).asGroupType();
        // other names mark older layouts (Spark's legacy "bag", a repeated group that is itself the element),
        // which Kernel's reader reads
        return repeated.isRepetition(Type.Repetition.REPEATED)
                && repeated.getName().equals("list")
                && repeated.getFieldCount() == 1
                && isSingleValue(repeated.getType(0));
    }

    /** {@code <map> (MAP) { repeated group <key_value> { required <key>; <value> } }} of primitives. */
    private static boolean isStandardMap(GroupType map) {
        if (map.getFieldCount() != 1 || map.getType(0).isPrimitive()) {
            return false;
        }
        GroupType repeated = map.getType(0).asGroupType();
        return repeated.isRepetition(Type.Repetition.REPEATED)
                && repeated.getFieldCount() == 2
                && repeated.getType(0).isRepetition(Type.Repetition.REQUIRED)
                && isSingleValue(repeated.getType(0))
                && isSingleValue(repeated.getType(1));
    }

    private static boolean isSingleValue(Type t) {
        return t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED);
    }

    /**
     * An array or map column: per row, the definition level of its first value says whether the collection is null
     * ({@code < defined}), empty ({@code == defined}) or holds entries, which run until a value of repetition level 0
     * starts the next row.
     */
    abstract static class Collection extends ColumnDecoder {
        /** The columns of an entry, read in step: the element, or the key then the value. */
        private final ParquetColumnDecoder[] parts;
        /** The definition level at which the collection exists, empty or not. */
        private final int defined;

        private boolean[] nulls;
        int[] offsets;
        private int capacity;
        /** Entries in this batch so far. */
        int entries;
        /** Values left in the row group's column chunk. */
        private long valuesLeft;

        Collection(ParquetColumnDecoder... parts) {
            this.parts = parts;
            ColumnDescriptor first = parts[0].column();
            // the collection's repeated group and, if optional, the entry add one level each
            this.defined = first.getMaxDefinitionLevel()
                    - 1
                    - (first.getPrimitiveType().isRepetition(Type.Repetition.OPTIONAL) ? 1 : 0);
        }

        /** parquet-mr's converter tree for this column: a group (the collection) of a group (the entries). */
        abstract GroupConverter converter();

        @Override
        final void startRowGroup(ColumnReadStore columns, long firstRowIndex) {
            for (ParquetColumnDecoder part : parts) {
                part.startRowGroup(columns, firstRowIndex);
            }
            valuesLeft = parts[0].reader.getTotalValueCount();
            for (ParquetColumnDecoder part : parts) {
                if (part.reader.getTotalValueCount() != valuesLeft) {
                    throw new IllegalStateException("Parquet map column "
                            + Arrays.toString(part.column().getPath()) + " has " + part.reader.getTotalValueCount()
                            + " values beside " + valuesLeft + " keys");
                }
            }
        }

        @Override
        final void startBatch(int rows) {
            nulls = null;
            offsets = new int[rows + 1];
            // the last batch's entries, a little more: most batches never grow
            capacity = Math.max(rows, entries + entries / 8);
            entries = 0;
            for (ParquetColumnDecoder part : parts) {
                part.startBatch(capacity);
            }
        }

        @Override
        final void read(int offset, int count) {
            ColumnReader r = parts[0].reader;
            int n = entries;
            for (int row = offset; row < offset + count; row++) {
                int level = r.getCurrentDefinitionLevel();
                if (level <= defined) {
                    if (level < defined) {
                        setNull(row);
                    }
                    consume();
                } else {
                    do {
                        if (n == capacity) {
                            grow();
                        }
                        entry(n++);
                        consume();
                    } while (valuesLeft > 0 && r.getCurrentRepetitionLevel() > 0);
                }
                offsets[row + 1] = n;
            }
            entries = n;
        }

        /** Reads the entry the readers are on (the collection holds it) into entry {@code index}. */
        abstract void entry(int index);

        private void consume() {
            for (ParquetColumnDecoder part : parts) {
                part.reader.consume();
            }
            valuesLeft--;
        }

        private void grow() {
            capacity *= 2;
            for (ParquetColumnDecoder part : parts) {
                part.grow(capacity);
            }
        }

        private void setNull(int row) {
            if (nulls == null) {
                nulls = new boolean[offsets.length - 1];
            }
            nulls[row] = true;
        }

        final Optional<boolean[]> nulls() {
            return Optional.ofNullable(nulls);
        }
    }

    static final class Lists extends Collection {
        private final ArrayType type;
        private final ParquetColumnDecoder elements;

        Lists(ArrayType type, ParquetColumnDecoder elements) {
            super(elements);
            this.type = type;
            this.elements = elements;
        }

        @Override
        GroupConverter converter() {
            return ConverterTrees.group(ConverterTrees.group(elements.converter()));
        }

        @Override
        void entry(int index) {
            elements.current(index);
        }

        @Override
        ColumnVector vector(int rows) {
            return new DefaultArrayVector(rows, type, nulls(), offsets, elements.vector(entries));
        }
    }

    static final class Maps extends Collection {
        private final MapType type;
        private final ParquetColumnDecoder keys;
        private final ParquetColumnDecoder values;

        Maps(MapType type, ParquetColumnDecoder keys, ParquetColumnDecoder values) {
            super(keys, values);
            this.type = type;
            this.keys = keys;
            this.values = values;
        }

        @Override
        GroupConverter converter() {
            return ConverterTrees.group(ConverterTrees.group(keys.converter(), values.converter()));
        }

        @Override
        void entry(int index) {
            keys.value(index); // required: defined whenever the entry is
            values.current(index);
        }

        @Override
        ColumnVector vector(int rows) {
            return new DefaultMapVector(rows, type, nulls(), offsets, keys.vector(entries), values.vector(entries));
        }
    }
}
