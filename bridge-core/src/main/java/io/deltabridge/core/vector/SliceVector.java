package io.deltabridge.core.vector;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.DataType;
import java.math.BigDecimal;

/** The values [offset, offset + size) of another vector: the elements of one array or map value. */
class SliceVector implements ColumnVector {
    private final ColumnVector base;
    private final int offset;
    private final int size;

    private SliceVector(ColumnVector base, int offset, int size) {
        this.base = base;
        this.offset = offset;
        this.size = size;
    }

    /** The slice, still {@link Utf8Values} over a vector that is, so writers take its strings' bytes as they are. */
    static SliceVector of(ColumnVector base, int offset, int size) {
        return base instanceof Utf8Values utf8
                ? new Utf8Slice(base, utf8, offset, size)
                : new SliceVector(base, offset, size);
    }

    @Override
    public DataType getDataType() {
        return base.getDataType();
    }

    @Override
    public int getSize() {
        return size;
    }

    @Override
    public void close() {}

    final int at(int rowId) {
        if (rowId < 0 || rowId >= size) {
            throw new IndexOutOfBoundsException("row " + rowId + " of a vector of size " + size);
        }
        return offset + rowId;
    }

    @Override
    public boolean isNullAt(int rowId) {
        return base.isNullAt(at(rowId));
    }

    @Override
    public boolean getBoolean(int rowId) {
        return base.getBoolean(at(rowId));
    }

    @Override
    public byte getByte(int rowId) {
        return base.getByte(at(rowId));
    }

    @Override
    public short getShort(int rowId) {
        return base.getShort(at(rowId));
    }

    @Override
    public int getInt(int rowId) {
        return base.getInt(at(rowId));
    }

    @Override
    public long getLong(int rowId) {
        return base.getLong(at(rowId));
    }

    @Override
    public float getFloat(int rowId) {
        return base.getFloat(at(rowId));
    }

    @Override
    public double getDouble(int rowId) {
        return base.getDouble(at(rowId));
    }

    @Override
    public byte[] getBinary(int rowId) {
        return base.getBinary(at(rowId));
    }

    @Override
    public String getString(int rowId) {
        return base.getString(at(rowId));
    }

    @Override
    public BigDecimal getDecimal(int rowId) {
        return base.getDecimal(at(rowId));
    }

    @Override
    public MapValue getMap(int rowId) {
        return base.getMap(at(rowId));
    }

    @Override
    public ArrayValue getArray(int rowId) {
        return base.getArray(at(rowId));
    }

    @Override
    public ColumnVector getChild(int ordinal) {
        return of(base.getChild(ordinal), offset, size);
    }

    private static final class Utf8Slice extends SliceVector implements Utf8Values {
        private final Utf8Values values;

        Utf8Slice(ColumnVector base, Utf8Values values, int offset, int size) {
            super(base, offset, size);
            this.values = values;
        }

        @Override
        public byte[] bytes() {
            return values.bytes();
        }

        @Override
        public int start(int rowId) {
            return values.start(at(rowId));
        }

        @Override
        public int end(int rowId) {
            return values.end(at(rowId));
        }
    }
}
