package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * STRING (as UTF-8) or BINARY values, all in one byte array with offsets: no object per value.
 */
abstract class BytesColumnBuilder extends RangeColumnBuilder {
    /** Value i is {@code data[offsets[i], offsets[i + 1])}. */
    private byte[] data = new byte[64];

    BytesColumnBuilder(DataType type, String path, boolean nullable) {
        super(type, path, nullable);
    }

    final void putBytes(byte[] src, int offset, int length) {
        int i = nextSlot();
        int start = offsets[i];
        ensureData(start + length);
        System.arraycopy(src, offset, data, start, length);
        offsets[i + 1] = start + length;
    }

    final void putString(String s) {
        int i = nextSlot();
        int start = offsets[i];
        int len = s.length();
        ensureData(start + len * 3);
        int pos = start;
        byte[] d = data;
        int k = 0;
        // ASCII fast path; the rest through the general encoder
        for (; k < len; k++) {
            char c = s.charAt(k);
            if (c >= 0x80) {
                break;
            }
            d[pos++] = (byte) c;
        }
        if (k < len) {
            pos = Utf8.encode(s, k, len, d, pos);
        }
        offsets[i + 1] = pos;
    }

    final void putChars(char[] chars, int offset, int length) {
        int i = nextSlot();
        int start = offsets[i];
        ensureData(start + length * 3);
        offsets[i + 1] = Utf8.encode(chars, offset, offset + length, data, start);
    }

    private void ensureData(int needed) {
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.max(needed, data.length + (data.length >> 1)));
        }
    }

    @Override
    long byteSize() {
        return offsets[size] + offsetBytes();
    }

    @Override
    public ColumnVector vector() {
        return new Utf8Vector(type(), size, nulls, data, offsets);
    }

    /** The builder's values as a vector; also {@link Utf8Values}, for writers that take the bytes as they are. */
    private static final class Utf8Vector extends BuiltVector implements Utf8Values {
        private final byte[] d;
        private final int[] o;

        Utf8Vector(DataType type, int size, boolean[] nulls, byte[] d, int[] o) {
            super(type, size, nulls);
            this.d = d;
            this.o = o;
        }

        @Override
        public byte[] bytes() {
            return d;
        }

        @Override
        public int start(int rowId) {
            return o[rowId];
        }

        @Override
        public int end(int rowId) {
            return o[rowId + 1];
        }

        @Override
        public String getString(int rowId) {
            return isNullAt(rowId) ? null : new String(d, o[rowId], o[rowId + 1] - o[rowId], StandardCharsets.UTF_8);
        }

        @Override
        public byte[] getBinary(int rowId) {
            return isNullAt(rowId) ? null : Arrays.copyOfRange(d, o[rowId], o[rowId + 1]);
        }
    }

    /** STRING values. */
    static final class StringColumnBuilder extends BytesColumnBuilder {
        StringColumnBuilder(DataType type, String path, boolean nullable) {
            super(type, path, nullable);
        }

        @Override
        public void appendString(String value) {
            putString(value);
        }

        @Override
        public void appendString(char[] chars, int offset, int length) {
            putChars(chars, offset, length);
        }

        @Override
        public void appendString(byte[] utf8, int offset, int length) {
            putBytes(utf8, offset, length);
        }
    }

    /** BINARY values. */
    static final class BinaryColumnBuilder extends BytesColumnBuilder {
        BinaryColumnBuilder(DataType type, String path, boolean nullable) {
            super(type, path, nullable);
        }

        @Override
        public void appendBinary(byte[] value, int offset, int length) {
            putBytes(value, offset, length);
        }
    }
}
