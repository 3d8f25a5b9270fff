package io.deltabridge.core.vector;

import io.delta.kernel.types.DataType;

/**
 * The vector of a {@link PrimitiveColumnBuilder}: each getter reads the array type it stands for,
 * so asking for another type than the column's (a programming error, never done by Kernel's
 * Parquet writer) throws {@link ClassCastException}.
 */
final class PrimitiveVector extends BuiltVector {
    private final Object values;

    PrimitiveVector(DataType type, int size, boolean[] nulls, Object values) {
        super(type, size, nulls);
        this.values = values;
    }

    @Override
    public boolean getBoolean(int rowId) {
        return ((boolean[]) values)[rowId];
    }

    @Override
    public byte getByte(int rowId) {
        return ((byte[]) values)[rowId];
    }

    @Override
    public short getShort(int rowId) {
        return ((short[]) values)[rowId];
    }

    @Override
    public int getInt(int rowId) {
        return ((int[]) values)[rowId];
    }

    @Override
    public long getLong(int rowId) {
        return ((long[]) values)[rowId];
    }

    @Override
    public float getFloat(int rowId) {
        return ((float[]) values)[rowId];
    }

    @Override
    public double getDouble(int rowId) {
        return ((double[]) values)[rowId];
    }
}
