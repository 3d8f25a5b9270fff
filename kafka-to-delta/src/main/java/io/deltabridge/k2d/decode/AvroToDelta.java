package io.deltabridge.k2d.decode;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.error.Problem;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** The Delta schema of a table created from an Avro value schema (the inverse of SPEC §7's Avro mapping). */
public final class AvroToDelta {
    private AvroToDelta() {}

    public static StructType structOf(Schema record) {
        if (record.getType() != Schema.Type.RECORD) {
            throw Problem.of("The Avro value schema %s is not a record", record.getFullName())
                    .because("a table needs named columns").fix("register a record schema for the topic's values").config();
        }
        return new StructType(record.getFields().stream()
                .map(f -> new StructField(f.name(), typeOf(nonNull(f.schema())), isNullable(f.schema())))
                .toList());
    }

    static boolean isNullable(Schema s) {
        return s.getType() == Schema.Type.NULL
                || (s.getType() == Schema.Type.UNION && s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL));
    }

    /** The non-null branch of {@code ["null", T]}; other unions are not mapped. */
    static Schema nonNull(Schema s) {
        if (s.getType() != Schema.Type.UNION) {
            return s;
        }
        List<Schema> branches = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
        if (branches.size() != 1) {
            throw Problem.of("The Avro union %s cannot be a Delta column", s)
                    .because("only [\"null\", T] unions map to a nullable column")
                    .fix("use a nullable single type, or create the table yourself and map the field to a string").config();
        }
        return branches.get(0);
    }

    static DataType typeOf(Schema s) {
        LogicalType logical = s.getLogicalType();
        return switch (s.getType()) {
            case BOOLEAN -> BooleanType.BOOLEAN;
            case INT -> logical instanceof LogicalTypes.Date ? DateType.DATE : IntegerType.INTEGER;
            case LONG -> {
                if (logical instanceof LogicalTypes.TimestampMicros || logical instanceof LogicalTypes.TimestampMillis) {
                    yield TimestampType.TIMESTAMP;
                }
                if (logical instanceof LogicalTypes.LocalTimestampMicros || logical instanceof LogicalTypes.LocalTimestampMillis) {
                    yield TimestampNTZType.TIMESTAMP_NTZ;
                }
                yield LongType.LONG;
            }
            case FLOAT -> FloatType.FLOAT;
            case DOUBLE -> DoubleType.DOUBLE;
            case STRING, ENUM -> StringType.STRING;
            case BYTES, FIXED -> logical instanceof LogicalTypes.Decimal d ? new DecimalType(d.getPrecision(), d.getScale()) : BinaryType.BINARY;
            case ARRAY -> new ArrayType(typeOf(nonNull(s.getElementType())), isNullable(s.getElementType()));
            case MAP -> new MapType(StringType.STRING, typeOf(nonNull(s.getValueType())), isNullable(s.getValueType()));
            case RECORD -> structOf(s);
            default -> throw Problem.of("Avro type %s cannot be a Delta column", s.getType())
                    .fix("use the types of SPEC §7").config();
        };
    }
}
