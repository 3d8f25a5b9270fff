package io.deltabridge.cli.init;

import com.fasterxml.jackson.databind.JsonNode;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A table schema guessed from sample JSON values: the union of their fields, in first-seen order. Numbers
 * are BIGINT, or DOUBLE once any sample has a fraction; objects are STRUCTs, arrays ARRAYs of their merged
 * elements; a field seen only as null is STRING. A column whose samples disagree (a number here, a string
 * there) is STRING and listed in {@link #conflicting()}: the user decides, since the JSON decoder takes only
 * strings into a STRING column. Everything is nullable: a sample cannot prove a column is always set.
 * Timestamps and decimals stay STRING / DOUBLE: the user tightens them in the written file.
 */
final class JsonSchemaGuess {
    private final Map<String, DataType> columns = new LinkedHashMap<>();
    private final Set<String> conflicting = new LinkedHashSet<>();
    private boolean conflict;

    /** Adds one sample value; values that are not JSON objects are ignored (counted by the caller). */
    boolean add(JsonNode value) {
        if (value == null || !value.isObject()) {
            return false;
        }
        value.fields().forEachRemaining(e -> {
            conflict = false;
            columns.put(e.getKey(), merge(columns.getOrDefault(e.getKey(), Unknown.TYPE), typeOf(e.getValue())));
            if (conflict) {
                conflicting.add(e.getKey());
            }
        });
        return true;
    }

    /** Top-level columns whose samples had different kinds of values (also inside them). */
    Set<String> conflicting() {
        return conflicting;
    }

    /** The schema of the samples so far; empty when no object was seen. */
    Optional<StructType> schema() {
        return columns.isEmpty() ? Optional.empty() : Optional.of((StructType) resolved(struct(columns)));
    }

    private DataType typeOf(JsonNode value) {
        if (value.isNull()) {
            return Unknown.TYPE;
        }
        if (value.isBoolean()) {
            return BooleanType.BOOLEAN;
        }
        if (value.isIntegralNumber()) {
            return LongType.LONG;
        }
        if (value.isNumber()) {
            return DoubleType.DOUBLE;
        }
        if (value.isObject()) {
            Map<String, DataType> fields = new LinkedHashMap<>();
            value.fields().forEachRemaining(e -> fields.put(e.getKey(), typeOf(e.getValue())));
            return struct(fields);
        }
        if (value.isArray()) {
            DataType element = Unknown.TYPE;
            for (JsonNode item : value) {
                element = merge(element, typeOf(item));
            }
            return new ArrayType(element, true);
        }
        return StringType.STRING;
    }

    /** A field missing from one sample keeps what the others said (every column is nullable). */
    private DataType merge(DataType a, DataType b) {
        if (a == Unknown.TYPE || b == Unknown.TYPE) {
            return a == Unknown.TYPE ? b : a;
        }
        if (a.equals(b)) {
            return a;
        }
        if (isNumber(a) && isNumber(b)) {
            return DoubleType.DOUBLE;
        }
        if (a instanceof StructType sa && b instanceof StructType sb) {
            Map<String, DataType> fields = new LinkedHashMap<>();
            sa.fields().forEach(f -> fields.put(f.getName(), f.getDataType()));
            sb.fields().forEach(f -> fields.merge(f.getName(), f.getDataType(), this::merge));
            return struct(fields);
        }
        if (a instanceof ArrayType aa && b instanceof ArrayType ab) {
            return new ArrayType(merge(aa.getElementType(), ab.getElementType()), true);
        }
        conflict = true;
        return StringType.STRING;
    }

    private static boolean isNumber(DataType type) {
        return type instanceof LongType || type instanceof DoubleType;
    }

    private static StructType struct(Map<String, DataType> fields) {
        StructType struct = new StructType();
        for (Map.Entry<String, DataType> f : fields.entrySet()) {
            struct = struct.add(new StructField(f.getKey(), f.getValue(), true));
        }
        return struct;
    }

    /** Types still unknown once every sample is in (seen only as null or empty arrays) become STRING. */
    private static DataType resolved(DataType type) {
        if (type == Unknown.TYPE) {
            return StringType.STRING;
        }
        if (type instanceof ArrayType a) {
            return new ArrayType(resolved(a.getElementType()), true);
        }
        if (type instanceof StructType s) {
            StructType out = new StructType();
            for (StructField f : s.fields()) {
                out = out.add(new StructField(f.getName(), resolved(f.getDataType()), true));
            }
            return out;
        }
        return type;
    }

    /** The type of a value seen only as null so far: any later sample decides it. */
    private static final class Unknown extends DataType {
        static final Unknown TYPE = new Unknown();

        @Override
        public boolean isNested() {
            return false;
        }

        @Override
        public int hashCode() {
            return 0;
        }

        @Override
        public boolean equals(Object other) {
            return other == this;
        }

        @Override
        public String toString() {
            return "unknown";
        }
    }
}
