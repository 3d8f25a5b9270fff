package io.deltabridge.core.parquet;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.vector.Utf8Values;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Feeds the values of one Kernel {@link ColumnVector} into one Parquet {@link ColumnWriter}, a run of rows at a time,
 * writing each value as Kernel's default writer does ({@code ParquetColumnWriters}).
 */
abstract class ColumnFeed {
    static final int DECIMAL_MAX_DIGITS_IN_INT = 9;
    static final int DECIMAL_MAX_DIGITS_IN_LONG = 18;

    /** Definition level of a present value: 1 in a nullable column, 0 in a required one. */
    private final int defined;

    ColumnFeed(boolean nullable) {
        this.defined = nullable ? 1 : 0;
    }

    /** The feed of a column of {@code type} (one {@link FlatParquetSchema} takes). */
    static ColumnFeed of(DataType type, boolean nullable) {
        if (type instanceof BooleanType) {
            return feed(nullable, (v, row, w, d) -> w.write(v.getBoolean(row), 0, d));
        }
        if (type instanceof ByteType) {
            return feed(nullable, (v, row, w, d) -> w.write((int) v.getByte(row), 0, d));
        }
        if (type instanceof ShortType) {
            return feed(nullable, (v, row, w, d) -> w.write((int) v.getShort(row), 0, d));
        }
        if (type instanceof IntegerType || type instanceof DateType) {
            return feed(nullable, (v, row, w, d) -> w.write(v.getInt(row), 0, d));
        }
        if (type instanceof LongType || type instanceof TimestampType || type instanceof TimestampNTZType) {
            return feed(nullable, (v, row, w, d) -> w.write(v.getLong(row), 0, d));
        }
        if (type instanceof FloatType) {
            return feed(nullable, (v, row, w, d) -> w.write(v.getFloat(row), 0, d));
        }
        if (type instanceof DoubleType) {
            return feed(nullable, (v, row, w, d) -> w.write(v.getDouble(row), 0, d));
        }
        if (type instanceof StringType) {
            return feed(nullable, (v, row, w, d) -> w.write(utf8(v, row), 0, d));
        }
        if (type instanceof BinaryType) {
            return feed(nullable, (v, row, w, d) -> w.write(binary(v, row), 0, d));
        }
        if (type instanceof DecimalType dt) {
            return decimal(dt, nullable);
        }
        throw new IllegalArgumentException("no columnar Parquet feed for " + type);
    }

    /** Writes rows {@code rows[from, to)} of {@code vector}. */
    final void write(ColumnVector vector, int[] rows, int from, int to, ColumnWriter writer) {
        for (int i = from; i < to; i++) {
            int row = rows[i];
            if (!vector.isNullAt(row)) {
                value(vector, row, writer, defined);
            } else if (defined == 1) {
                writer.writeNull(0, 0);
            } else {
                throw new IllegalArgumentException("null in the NOT NULL column " + writer);
            }
        }
    }

    abstract void value(ColumnVector vector, int row, ColumnWriter writer, int definitionLevel);

    /** One value of a row that is not null. */
    @FunctionalInterface
    interface Value {
        void write(ColumnVector vector, int row, ColumnWriter writer, int definitionLevel);
    }

    private static ColumnFeed feed(boolean nullable, Value value) {
        return new ColumnFeed(nullable) {
            @Override
            void value(ColumnVector vector, int row, ColumnWriter writer, int definitionLevel) {
                value.write(vector, row, writer, definitionLevel);
            }
        };
    }

    /**
     * The UTF-8 bytes of a STRING value: straight from the bridge's column builders' byte array, or encoded from the
     * {@code String} of any other vector. The bytes are reused by the next batch, and parquet-mr copies a reused
     * {@link Binary} wherever it keeps one (dictionary, statistics).
     */
    private static Binary utf8(ColumnVector v, int row) {
        return v instanceof Utf8Values u
                ? reused(u, row)
                : Binary.fromConstantByteArray(v.getString(row).getBytes(StandardCharsets.UTF_8));
    }

    private static Binary binary(ColumnVector v, int row) {
        return v instanceof Utf8Values u ? reused(u, row) : Binary.fromConstantByteArray(v.getBinary(row));
    }

    private static Binary reused(Utf8Values values, int row) {
        int start = values.start(row);
        return Binary.fromReusedByteArray(values.bytes(), start, values.end(row) - start);
    }

    private static ColumnFeed decimal(DecimalType type, boolean nullable) {
        int scale = type.getScale();
        if (type.getPrecision() <= DECIMAL_MAX_DIGITS_IN_INT) {
            return feed(nullable, (v, row, w, d) -> w.write(v.getDecimal(row).movePointRight(scale).intValue(), 0, d));
        }
        if (type.getPrecision() <= DECIMAL_MAX_DIGITS_IN_LONG) {
            return feed(nullable, (v, row, w, d) -> w.write(v.getDecimal(row).movePointRight(scale).longValue(), 0, d));
        }
        int length = FlatParquetSchema.decimalBytes(type.getPrecision());
        return feed(nullable, (v, row, w, d) -> w.write(fixedLength(v.getDecimal(row), length), 0, d));
    }

    /** The unscaled value in {@code length} bytes of big-endian two's complement, sign-extended. */
    private static Binary fixedLength(BigDecimal value, int length) {
        byte[] bytes = value.unscaledValue().toByteArray();
        if (bytes.length == length) {
            return Binary.fromConstantByteArray(bytes);
        }
        byte[] fixed = new byte[length];
        Arrays.fill(fixed, 0, length - bytes.length, (byte) (bytes[0] < 0 ? -1 : 0));
        System.arraycopy(bytes, 0, fixed, length - bytes.length, bytes.length);
        return Binary.fromConstantByteArray(fixed);
    }
}
