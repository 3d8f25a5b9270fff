package io.deltabridge.k2d.batch;

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
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.error.Problem;

/** Picks the builder that stores a Delta type. */
public final class ColumnBuilders {
    private ColumnBuilders() {}

    public static ColumnBuilder forType(DataType type) {
        if (type instanceof BooleanType) {
            return new PrimitiveColumns.BooleanColumn(type);
        }
        if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType || type instanceof DateType) {
            return new PrimitiveColumns.IntColumn(type);
        }
        if (type instanceof LongType || type instanceof TimestampType || type instanceof TimestampNTZType) {
            return new PrimitiveColumns.LongColumn(type);
        }
        if (type instanceof FloatType) {
            return new PrimitiveColumns.FloatColumn(type);
        }
        if (type instanceof DoubleType) {
            return new PrimitiveColumns.DoubleColumn(type);
        }
        if (type instanceof StringType || type instanceof BinaryType || type instanceof DecimalType) {
            return new PrimitiveColumns.ObjectColumn(type);
        }
        if (type instanceof ArrayType a) {
            return new NestedColumns.ArrayColumn(type, forType(a.getElementType()));
        }
        if (type instanceof MapType m) {
            return new NestedColumns.MapColumn(type, forType(m.getKeyType()), forType(m.getValueType()));
        }
        if (type instanceof StructType s) {
            return new NestedColumns.StructColumn(type, s.fields().stream().map(StructField::getDataType).map(ColumnBuilders::forType).toList());
        }
        throw Problem.of("Delta column type %s is not supported by kafka → delta", type)
                .because("the bridge cannot decode Kafka records into it")
                .fix("use a table whose columns have the types of SPEC §7 (no variant or geospatial types)")
                .config();
    }
}
