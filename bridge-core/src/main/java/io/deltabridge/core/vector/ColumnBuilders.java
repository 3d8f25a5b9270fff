package io.deltabridge.core.vector;

import io.delta.kernel.types.ArrayType;
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
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.error.Problem;

/** Creates the builder for a Delta type, and completes rows and structs. */
final class ColumnBuilders {
    private ColumnBuilders() {}

    static ColumnBuilder create(DataType type, String path, boolean nullable) {
        if (type instanceof BooleanType) {
            return new BooleanColumnBuilder(type, path, nullable);
        } else if (type instanceof ByteType) {
            return new ByteColumnBuilder(type, path, nullable);
        } else if (type instanceof ShortType) {
            return new ShortColumnBuilder(type, path, nullable);
        } else if (type instanceof IntegerType || type instanceof DateType) {
            return new IntColumnBuilder(type, path, nullable);
        } else if (type instanceof LongType || type instanceof TimestampType || type instanceof TimestampNTZType) {
            return new LongColumnBuilder(type, path, nullable);
        } else if (type instanceof FloatType) {
            return new FloatColumnBuilder(type, path, nullable);
        } else if (type instanceof DoubleType) {
            return new DoubleColumnBuilder(type, path, nullable);
        } else if (type instanceof DecimalType d) {
            return new DecimalColumnBuilder(d, path, nullable);
        } else if (type instanceof StringType) {
            return new BytesColumnBuilder.StringColumnBuilder(type, path, nullable);
        } else if (type instanceof BinaryType) {
            return new BytesColumnBuilder.BinaryColumnBuilder(type, path, nullable);
        } else if (type instanceof ArrayType a) {
            return new ArrayColumnBuilder(a, path, nullable);
        } else if (type instanceof MapType m) {
            return new MapColumnBuilder(m, path, nullable);
        } else if (type instanceof StructType s) {
            return new StructColumnBuilder(s, path, nullable);
        }
        throw Problem.of("Column '%s' has type %s, which deltabridge cannot write", path, type)
                .because("only the standard Delta types (numbers, decimal, string, binary, boolean, date, timestamp, "
                        + "timestamp_ntz, array, map, struct) are supported")
                .fix("leave this column out of the mapping or change its type")
                .config();
    }

    /**
     * Every builder must hold {@code index + 1} values: a builder with exactly {@code index} gets a
     * null (or a {@link io.deltabridge.core.error.DataException} when it is NOT NULL).
     */
    static void completeRow(ColumnBuilder[] builders, int index) {
        for (ColumnBuilder b : builders) {
            int n = b.size;
            if (n == index) {
                if (!b.isNullable()) {
                    throw Problem.of("Missing value for NOT NULL column '%s'", b.path())
                            .because("the record has no field '%s'", b.path())
                            .fix("send a value for '%s', or make the column nullable", b.path())
                            .data();
                }
                b.appendNullUnchecked();
            } else if (n != index + 1) {
                throw new IllegalStateException(
                        "column '" + b.path() + "' holds " + n + " values, expected " + (index + 1));
            }
        }
    }
}
