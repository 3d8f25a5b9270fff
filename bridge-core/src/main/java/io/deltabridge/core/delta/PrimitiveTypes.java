package io.deltabridge.core.delta;

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

/** Delta's primitive types: one value per row, no struct, array or map (and none of Kernel's variant or other types). */
public final class PrimitiveTypes {
    private PrimitiveTypes() {}

    public static boolean isPrimitive(DataType t) {
        return t instanceof BooleanType
                || t instanceof ByteType
                || t instanceof ShortType
                || t instanceof IntegerType
                || t instanceof LongType
                || t instanceof FloatType
                || t instanceof DoubleType
                || t instanceof StringType
                || t instanceof BinaryType
                || t instanceof DateType
                || t instanceof TimestampType
                || t instanceof TimestampNTZType
                || t instanceof DecimalType;
    }
}
