package io.deltabridge.k2d.batch;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.DataType;
import java.math.BigDecimal;

/** The rows {@code [offset, offset + size)} of another vector: the elements of one array or map value. */
final class SliceVector implements ColumnVector {
    private final ColumnVector base;
    private final int offset;
    private final int size;

    SliceVector(ColumnVector base, int offset, int size) {
        this.base = base;
        this.offset = offset;
        this.size = size;
    }

    @Override public DataType getDataType() { return base.getDataType(); }
    @Override public int getSize() { return size; }
    @Override public void close() {}
    @Override public boolean isNullAt(int r) { return base.isNullAt(offset + r); }
    @Override public boolean getBoolean(int r) { return base.getBoolean(offset + r); }
    @Override public byte getByte(int r) { return base.getByte(offset + r); }
    @Override public short getShort(int r) { return base.getShort(offset + r); }
    @Override public int getInt(int r) { return base.getInt(offset + r); }
    @Override public long getLong(int r) { return base.getLong(offset + r); }
    @Override public float getFloat(int r) { return base.getFloat(offset + r); }
    @Override public double getDouble(int r) { return base.getDouble(offset + r); }
    @Override public byte[] getBinary(int r) { return base.getBinary(offset + r); }
    @Override public String getString(int r) { return base.getString(offset + r); }
    @Override public BigDecimal getDecimal(int r) { return base.getDecimal(offset + r); }
    @Override public MapValue getMap(int r) { return base.getMap(offset + r); }
    @Override public ArrayValue getArray(int r) { return base.getArray(offset + r); }

    @Override
    public ColumnVector getChild(int i) {
        return new SliceVector(base.getChild(i), offset, size);
    }
}
