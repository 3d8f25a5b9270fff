package io.deltabridge.k2d.batch;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import java.math.BigDecimal;
import java.util.Arrays;

/** Builders for the scalar Delta types; each keeps its values in one primitive or object array. */
public final class PrimitiveColumns {
    private PrimitiveColumns() {}

    /** boolean. */
    public static final class BooleanColumn extends ColumnBuilder {
        private boolean[] values = new boolean[16];

        BooleanColumn(DataType type) {
            super(type);
        }

        public void append(boolean v) {
            int row = next();
            values[row] = v;
        }

        @Override protected int capacity() { return values.length; }
        @Override protected void grow(int c) { values = Arrays.copyOf(values, c); }

        @Override
        public ColumnVector vector() {
            boolean[] v = values;
            return new View() {
                @Override public boolean getBoolean(int r) { return v[r]; }
            };
        }
    }

    /** tinyint, smallint, int and date (days since epoch): stored as int. */
    public static final class IntColumn extends ColumnBuilder {
        private int[] values = new int[16];

        IntColumn(DataType type) {
            super(type);
        }

        public void append(int v) {
            int row = next();
            values[row] = v;
        }

        @Override protected int capacity() { return values.length; }
        @Override protected void grow(int c) { values = Arrays.copyOf(values, c); }

        @Override
        public ColumnVector vector() {
            int[] v = values;
            return new View() {
                @Override public byte getByte(int r) { return (byte) v[r]; }
                @Override public short getShort(int r) { return (short) v[r]; }
                @Override public int getInt(int r) { return v[r]; }
            };
        }
    }

    /** bigint, timestamp and timestamp_ntz (microseconds since epoch): stored as long. */
    public static final class LongColumn extends ColumnBuilder {
        private long[] values = new long[16];

        LongColumn(DataType type) {
            super(type);
        }

        public void append(long v) {
            int row = next();
            values[row] = v;
        }

        @Override protected int capacity() { return values.length; }
        @Override protected void grow(int c) { values = Arrays.copyOf(values, c); }

        @Override
        public ColumnVector vector() {
            long[] v = values;
            return new View() {
                @Override public long getLong(int r) { return v[r]; }
            };
        }
    }

    /** float. */
    public static final class FloatColumn extends ColumnBuilder {
        private float[] values = new float[16];

        FloatColumn(DataType type) {
            super(type);
        }

        public void append(float v) {
            int row = next();
            values[row] = v;
        }

        @Override protected int capacity() { return values.length; }
        @Override protected void grow(int c) { values = Arrays.copyOf(values, c); }

        @Override
        public ColumnVector vector() {
            float[] v = values;
            return new View() {
                @Override public float getFloat(int r) { return v[r]; }
            };
        }
    }

    /** double. */
    public static final class DoubleColumn extends ColumnBuilder {
        private double[] values = new double[16];

        DoubleColumn(DataType type) {
            super(type);
        }

        public void append(double v) {
            int row = next();
            values[row] = v;
        }

        @Override protected int capacity() { return values.length; }
        @Override protected void grow(int c) { values = Arrays.copyOf(values, c); }

        @Override
        public ColumnVector vector() {
            double[] v = values;
            return new View() {
                @Override public double getDouble(int r) { return v[r]; }
            };
        }
    }

    /** Object-valued columns: decimal (BigDecimal), string (String), binary (byte[]). */
    public static final class ObjectColumn extends ColumnBuilder {
        private Object[] values = new Object[16];

        ObjectColumn(DataType type) {
            super(type);
        }

        public void append(Object v) {
            int row = next();
            values[row] = v;
        }

        @Override
        protected void appendDefault() {
            values[size] = null;
        }

        @Override
        public void truncate(int rows) {
            // release references so a long-lived builder does not pin old batches
            Arrays.fill(values, Math.min(rows, size), size, null);
            super.truncate(rows);
        }

        @Override protected int capacity() { return values.length; }
        @Override protected void grow(int c) { values = Arrays.copyOf(values, c); }

        @Override
        public ColumnVector vector() {
            Object[] v = values;
            return new View() {
                @Override public String getString(int r) { return (String) v[r]; }
                @Override public byte[] getBinary(int r) { return (byte[]) v[r]; }
                @Override public BigDecimal getDecimal(int r) { return (BigDecimal) v[r]; }
            };
        }
    }
}
