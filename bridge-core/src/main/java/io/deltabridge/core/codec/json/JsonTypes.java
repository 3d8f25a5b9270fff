package io.deltabridge.core.codec.json;

import com.fasterxml.jackson.core.JsonToken;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.schema.DdlPrinter;

/** Words for error messages: Delta types, JSON value types, and what JSON a type expects. */
public final class JsonTypes {
    private JsonTypes() {}

    static String describe(DataType type) {
        return DdlPrinter.typeToDdl(type);
    }

    /** The JSON type of the value starting with {@code t}, for error messages. */
    public static String jsonType(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    static String expectedJson(DataType type) {
        if (type instanceof BooleanType) {
            return "true or false";
        } else if (type instanceof FloatType || type instanceof DoubleType) {
            return "a JSON number (or \"NaN\", \"Infinity\", \"-Infinity\")";
        } else if (type instanceof DecimalType d) {
            return "a decimal as a string or number with at most " + d.getScale() + " fraction digits";
        } else if (type instanceof StringType) {
            return "a JSON string";
        } else if (type instanceof BinaryType) {
            return "a base64 string";
        } else if (type instanceof DateType) {
            return "a string \"yyyy-MM-dd\"";
        } else if (type instanceof TimestampType) {
            return "a string \"yyyy-MM-ddTHH:mm:ss.ffffffZ\"";
        } else if (type instanceof TimestampNTZType) {
            return "a string \"yyyy-MM-ddTHH:mm:ss.ffffff\"";
        } else if (type instanceof ArrayType) {
            return "a JSON array";
        } else if (type instanceof MapType m) {
            return m.getKeyType() instanceof StringType
                    ? "a JSON object"
                    : "an array of {\"key\":…,\"value\":…} objects";
        } else if (type instanceof StructType) {
            return "a JSON object";
        }
        return "a JSON integer";
    }
}
