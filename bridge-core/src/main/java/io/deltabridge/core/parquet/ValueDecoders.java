package io.deltabridge.core.parquet;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultBinaryVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultBooleanVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultByteVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultDecimalVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultDoubleVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultFloatVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultIntVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultLongVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultShortVector;
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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The decoders of each primitive Delta type. They fill the arrays behind Kernel's own default vectors, so the batches
 * hold the same vector classes as Kernel's default reader gives (and {@code KernelStrings} finds the UTF-8 bytes).
 */
final class ValueDecoders {
    private ValueDecoders() {}

    /** The decoder for a Delta type stored as {@code column}, or null if it is not one the decoders know. */
    static ParquetColumnDecoder forType(DataType type, ColumnDescriptor column) {
        PrimitiveType p = column.getPrimitiveType();
        PrimitiveTypeName stored = p.getPrimitiveTypeName();
        if (type instanceof BooleanType) {
            return stored == PrimitiveTypeName.BOOLEAN ? new Booleans(column) : null;
        } else if (type instanceof ByteType) {
            return stored == PrimitiveTypeName.INT32 ? new Bytes(column) : null;
        } else if (type instanceof ShortType) {
            return stored == PrimitiveTypeName.INT32 ? new Shorts(column) : null;
        } else if (type instanceof IntegerType || type instanceof DateType) {
            return stored == PrimitiveTypeName.INT32 ? new Ints(column, type) : null;
        } else if (type instanceof LongType) {
            return stored == PrimitiveTypeName.INT64 ? new Longs(column, type, 1) : null;
        } else if (type instanceof FloatType) {
            return stored == PrimitiveTypeName.FLOAT ? new Floats(column) : null;
        } else if (type instanceof DoubleType) {
            return stored == PrimitiveTypeName.DOUBLE ? new Doubles(column) : null;
        } else if (type instanceof StringType || type instanceof BinaryType) {
            return stored == PrimitiveTypeName.BINARY ? new Binaries(column, type) : null;
        } else if (type instanceof DecimalType decimal) {
            return decimal(decimal, column);
        } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
            return timestamp(type, column);
        }
        return null;
    }

    private static ParquetColumnDecoder decimal(DecimalType type, ColumnDescriptor column) {
        PrimitiveType p = column.getPrimitiveType();
        if (!(p.getLogicalTypeAnnotation() instanceof DecimalLogicalTypeAnnotation d)) {
            return null;
        }
        int scaleIncrease = type.getScale() - d.getScale();
        // Kernel's reader widens a decimal only where no digit is lost; anything else is its error to report
        if (scaleIncrease < 0 || type.getPrecision() - d.getPrecision() < scaleIncrease) {
            return null;
        }
        return switch (p.getPrimitiveTypeName()) {
            case INT32, INT64, BINARY, FIXED_LEN_BYTE_ARRAY -> new Decimals(column, type, d.getScale());
            default -> null;
        };
    }

    private static ParquetColumnDecoder timestamp(DataType type, ColumnDescriptor column) {
        PrimitiveType p = column.getPrimitiveType();
        if (p.getPrimitiveTypeName() == PrimitiveTypeName.INT96) {
            return new Int96Timestamps(column, type);
        }
        if (p.getPrimitiveTypeName() != PrimitiveTypeName.INT64
                || !(p.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation t)
                || t.isAdjustedToUTC() != type instanceof TimestampType) {
            return null;
        }
        if (t.getUnit() == TimeUnit.MICROS) {
            return new Longs(column, type, 1);
        }
        return t.getUnit() == TimeUnit.MILLIS ? new Longs(column, type, 1000) : null;
    }

    /** A decoder whose nulls are a {@code boolean[]} beside a primitive array, allocated at the first null of a batch. */
    abstract static class Primitive extends ParquetColumnDecoder {
        private boolean[] nulls;
        private int rows;

        Primitive(ColumnDescriptor column) {
            super(column);
        }

        @Override
        final void startBatch(int rows) {
            this.rows = rows;
            this.nulls = null;
            allocate(rows);
        }

        abstract void allocate(int rows);

        @Override
        final void grow(int capacity) {
            if (nulls != null) {
                nulls = Arrays.copyOf(nulls, capacity);
            }
            rows = capacity;
            reallocate(capacity);
        }

        /** Copies the values into an array of {@code capacity}. */
        abstract void reallocate(int capacity);

        @Override
        final void setNull(int row) {
            if (nulls == null) {
                nulls = new boolean[rows];
            }
            nulls[row] = true;
        }

        final Optional<boolean[]> nulls() {
            return Optional.ofNullable(nulls);
        }
    }

    static final class Booleans extends Primitive {
        private boolean[] values;

        Booleans(ColumnDescriptor column) {
            super(column);
        }

        @Override
        void allocate(int rows) {
            values = new boolean[rows];
        }

        @Override
        void reallocate(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void value(int row) {
            values[row] = reader.getBoolean();
        }

        @Override
        ColumnVector vector(int rows) {
            return new DefaultBooleanVector(rows, nulls(), values);
        }
    }

    static final class Bytes extends Primitive {
        private byte[] values;

        Bytes(ColumnDescriptor column) {
            super(column);
        }

        @Override
        void allocate(int rows) {
            values = new byte[rows];
        }

        @Override
        void reallocate(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void value(int row) {
            values[row] = (byte) reader.getInteger();
        }

        @Override
        ColumnVector vector(int rows) {
            return new DefaultByteVector(rows, nulls(), values);
        }
    }

    static final class Shorts extends Primitive {
        private short[] values;

        Shorts(ColumnDescriptor column) {
            super(column);
        }

        @Override
        void allocate(int rows) {
            values = new short[rows];
        }

        @Override
        void reallocate(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void value(int row) {
            values[row] = (short) reader.getInteger();
        }

        @Override
        ColumnVector vector(int rows) {
            return new DefaultShortVector(rows, nulls(), values);
        }
    }

    /** INTEGER and DATE (days since the epoch). */
    static final class Ints extends Primitive {
        private final DataType type;
        private int[] values;

        Ints(ColumnDescriptor column, DataType type) {
            super(column);
            this.type = type;
        }

        @Override
        void allocate(int rows) {
            values = new int[rows];
        }

        @Override
        void reallocate(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void value(int row) {
            values[row] = reader.getInteger();
        }

        @Override
        ColumnVector vector(int rows) {
            return new DefaultIntVector(type, rows, nulls(), values);
        }
    }

    /** LONG, and TIMESTAMP / TIMESTAMP_NTZ as microseconds; {@code toMicros} is 1000 for a millisecond timestamp. */
    static final class Longs extends Primitive {
        private final DataType type;
        private final long toMicros;
        private long[] values;

        Longs(ColumnDescriptor column, DataType type, long toMicros) {
            super(column);
            this.type = type;
            this.toMicros = toMicros;
        }

        @Override
        void allocate(int rows) {
            values = new long[rows];
        }

        @Override
        void reallocate(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void value(int row) {
            long v = reader.getLong();
            values[row] = toMicros == 1 ? v : Math.multiplyExact(v, toMicros);
        }

        @Override
        ColumnVector vector(int rows) {
            return new DefaultLongVector(type, rows, nulls(), values);
        }
    }

    /** TIMESTAMP / TIMESTAMP_NTZ stored as INT96 (Spark's default): nanoseconds of the day, then the Julian day. */
    static final class Int96Timestamps extends Primitive {
        private static final int JULIAN_DAY_OF_EPOCH = 2_440_588;
        private static final long MICROS_PER_DAY = 86_400_000_000L;

        private final DataType type;
        private long[] values;

        Int96Timestamps(ColumnDescriptor column, DataType type) {
            super(column);
            this.type = type;
        }

        @Override
        void allocate(int rows) {
            values = new long[rows];
        }

        @Override
        void reallocate(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void value(int row) {
            ByteBuffer b = reader.getBinary().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long nanosOfDay = b.getLong();
            int julianDay = b.getInt();
            values[row] = (julianDay - JULIAN_DAY_OF_EPOCH) * MICROS_PER_DAY + nanosOfDay / 1000;
        }

        @Override
        ColumnVector vector(int rows) {
            return new DefaultLongVector(type, rows, nulls(), values);
        }
    }

    static final class Floats extends Primitive {
        private float[] values;

        Floats(ColumnDescriptor column) {
            super(column);
        }

        @Override
        void allocate(int rows) {
            values = new float[rows];
        }

        @Override
        void reallocate(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void value(int row) {
            values[row] = reader.getFloat();
        }

        @Override
        ColumnVector vector(int rows) {
            return new DefaultFloatVector(rows, nulls(), values);
        }
    }

    static final class Doubles extends Primitive {
        private double[] values;

        Doubles(ColumnDescriptor column) {
            super(column);
        }

        @Override
        void allocate(int rows) {
            values = new double[rows];
        }

        @Override
        void reallocate(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void value(int row) {
            values[row] = reader.getDouble();
        }

        @Override
        ColumnVector vector(int rows) {
            return new DefaultDoubleVector(rows, nulls(), values);
        }
    }

    /**
     * STRING (UTF-8 bytes, never decoded to {@code String}) and BINARY. On dictionary-encoded pages every row of one
     * dictionary entry shares that entry's bytes, copied out of the dictionary once per row group.
     */
    static final class Binaries extends ParquetColumnDecoder {
        private final DataType type;
        private final DictionaryAware converter = new DictionaryAware();
        private byte[][] values;
        private byte[][] dictionary;
        private int row;

        Binaries(ColumnDescriptor column, DataType type) {
            super(column);
            this.type = type;
        }

        @Override
        PrimitiveConverter converter() {
            return converter;
        }

        @Override
        void startBatch(int rows) {
            values = new byte[rows][];
        }

        @Override
        void grow(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void value(int row) {
            this.row = row;
            reader.writeCurrentValueToConverter();
        }

        @Override
        void setNull(int row) {
            // a new batch's array is all null
        }

        @Override
        ColumnVector vector(int rows) {
            return new DefaultBinaryVector(type, rows, values);
        }

        /** The column reader calls it with a dictionary id on dictionary pages and with the bytes on plain pages. */
        private final class DictionaryAware extends PrimitiveConverter {
            @Override
            public boolean hasDictionarySupport() {
                return true;
            }

            @Override
            public void setDictionary(Dictionary d) {
                byte[][] entries = new byte[d.getMaxId() + 1][];
                for (int id = 0; id < entries.length; id++) {
                    entries[id] = d.decodeToBinary(id).getBytes();
                }
                dictionary = entries;
            }

            @Override
            public void addValueFromDictionary(int dictionaryId) {
                values[row] = dictionary[dictionaryId];
            }

            @Override
            public void addBinary(Binary value) {
                values[row] = value.getBytes();
            }
        }
    }

    /** DECIMAL stored as INT32, INT64, BINARY or FIXED_LEN_BYTE_ARRAY (unscaled, big-endian two's complement). */
    static final class Decimals extends ParquetColumnDecoder {
        private final DecimalType type;
        private final int fileScale;
        private BigDecimal[] values;

        Decimals(ColumnDescriptor column, DecimalType type, int fileScale) {
            super(column);
            this.type = type;
            this.fileScale = fileScale;
        }

        @Override
        void startBatch(int rows) {
            values = new BigDecimal[rows];
        }

        @Override
        void grow(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void value(int row) {
            BigDecimal v = switch (column().getPrimitiveType().getPrimitiveTypeName()) {
                case INT32 -> BigDecimal.valueOf(reader.getInteger(), fileScale);
                case INT64 -> BigDecimal.valueOf(reader.getLong(), fileScale);
                default -> new BigDecimal(new BigInteger(reader.getBinary().getBytes()), fileScale);
            };
            values[row] = fileScale == type.getScale() ? v : v.setScale(type.getScale(), RoundingMode.UNNECESSARY);
        }

        @Override
        void setNull(int row) {
            // a new batch's array is all null
        }

        @Override
        ColumnVector vector(int rows) {
            return new DefaultDecimalVector(type, rows, values);
        }
    }
}
