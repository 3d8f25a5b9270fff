package io.deltabridge.core.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReadStore;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * A column stored in the file: walks its {@link ColumnReader} value by value (definition level 0 or 1, flat schemas
 * only) and leaves each non-null value to the subclass, which reads it with the reader's typed getter.
 */
abstract class ParquetColumnDecoder extends ColumnDecoder {
    /** The converter the column read store wants for a column; only dictionary-aware decoders use it. */
    static final PrimitiveConverter UNUSED_CONVERTER = new PrimitiveConverter() {};

    private final ColumnDescriptor column;
    private final int maxDefinitionLevel;
    ColumnReader reader;

    ParquetColumnDecoder(ColumnDescriptor column) {
        this.column = column;
        this.maxDefinitionLevel = column.getMaxDefinitionLevel();
    }

    ColumnDescriptor column() {
        return column;
    }

    /** The converter the row group's column reader calls back: only for {@link ColumnReader#writeCurrentValueToConverter}. */
    PrimitiveConverter converter() {
        return UNUSED_CONVERTER;
    }

    @Override
    final void startRowGroup(ColumnReadStore columns, long firstRowIndex) {
        reader = columns.getColumnReader(column);
    }

    @Override
    final void read(int offset, int count) {
        ColumnReader r = reader;
        int end = offset + count;
        if (maxDefinitionLevel == 0) {
            for (int row = offset; row < end; row++) {
                value(row);
                r.consume();
            }
            return;
        }
        for (int row = offset; row < end; row++) {
            current(row);
            r.consume();
        }
    }

    /** Reads the reader's current value, or its null (a lower definition level), into index {@code index}. */
    final void current(int index) {
        if (reader.getCurrentDefinitionLevel() == maxDefinitionLevel) {
            value(index);
        } else {
            setNull(index);
        }
    }

    /**
     * Keeps the values read so far of this batch in arrays of {@code capacity}: the elements of arrays and maps, whose
     * number a batch of rows does not know in advance.
     */
    abstract void grow(int capacity);

    /** Reads the reader's current (non-null) value into batch row {@code row}. */
    abstract void value(int row);

    abstract void setNull(int row);
}
