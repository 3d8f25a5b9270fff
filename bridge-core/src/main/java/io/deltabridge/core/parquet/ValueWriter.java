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
 * Writes one non-null value of a primitive {@link ColumnVector} to a Parquet {@link ColumnWriter}, in the physical
 * form of {@link ColumnarSchema} and with the value Kernel's default writer gives it ({@code ParquetColumnWriters}).
 */
@FunctionalInterface
interface ValueWriter {
    void write(ColumnVector vector, int row, ColumnWriter writer, int repetitionLevel, int definitionLevel);

    /** The writer of values of the primitive {@code type}. */
    static ValueWriter of(DataType type) {
        if (type instanceof BooleanType) {
            return (v, row, w, r, d) -> w.write(v.getBoolean(row), r, d);
        }
        if (type instanceof ByteType) {
            return (v, row, w, r, d) -> w.write((int) v.getByte(row), r, d);
        }
        if (type instanceof ShortType) {
            return (v, row, w, r, d) -> w.write((int) v.getShort(row), r, d);
        }
        if (type instanceof IntegerType || type instanceof DateType) {
            return (v, row, w, r, d) -> w.write(v.getInt(row), r, d);
        }
        if (type instanceof LongType || type instanceof TimestampType || type instanceof TimestampNTZType) {
            return (v, row, w, r, d) -> w.write(v.getLong(row), r, d);
        }
        if (type instanceof FloatType) {
            return (v, row, w, r, d) -> w.write(v.getFloat(row), r, d);
        }
        if (type instanceof DoubleType) {
            return (v, row, w, r, d) -> w.write(v.getDouble(row), r, d);
        }
        if (type instanceof StringType) {
            return (v, row, w, r, d) -> w.write(utf8(v, row), r, d);
        }
        if (type instanceof BinaryType) {
            return (v, row, w, r, d) -> w.write(binary(v, row), r, d);
        }
        if (type instanceof DecimalType decimal) {
            return decimal(decimal);
        }
        throw new IllegalArgumentException("no columnar Parquet writer for " + type);
    }

    /**
     * The UTF-8 bytes of a STRING value: straight from the bridge's column builders' byte array, or encoded from the
     * {@code String} of any other vector. The builders reuse their bytes for the next batch, and parquet-mr copies a
     * reused {@link Binary} wherever it keeps one (dictionary, statistics).
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

    private static ValueWriter decimal(DecimalType type) {
        int scale = type.getScale();
        if (type.getPrecision() <= ColumnarSchema.DECIMAL_MAX_DIGITS_IN_INT) {
            return (v, row, w, r, d) ->
                    w.write(v.getDecimal(row).movePointRight(scale).intValue(), r, d);
        }
        if (type.getPrecision() <= ColumnarSchema.DECIMAL_MAX_DIGITS_IN_LONG) {
            return (v, row, w, r, d) ->
                    w.write(v.getDecimal(row).movePointRight(scale).longValue(), r, d);
        }
        int length = ColumnarSchema.decimalBytes(type.getPrecision());
        return (v, row, w, r, d) -> w.write(fixedLength(v.getDecimal(row), length), r, d);
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
