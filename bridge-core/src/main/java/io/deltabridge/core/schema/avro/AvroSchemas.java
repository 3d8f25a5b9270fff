package io.deltabridge.core.schema.avro;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The Delta ⇄ Avro schema mapping of SPEC §7.
 *
 * <p>Delta → Avro: boolean→boolean, tinyint/smallint/int→int, bigint→long, float→float,
 * double→double, decimal→bytes (decimal), string→string, binary→bytes, date→int (date),
 * timestamp→long (timestamp-micros), timestamp_ntz→long (local-timestamp-micros), array→array,
 * map with string keys→map, other maps→array of key/value records, struct→record; nullable → union
 * {@code ["null", T]} with default null. Names come from {@link AvroNames}; a column whose name had
 * to be changed carries its Delta name in the field property {@value #DELTA_NAME}, and an array that
 * stands for a map carries {@value #DELTA_MAP}{@code = true}, and an int that holds a tinyint or
 * smallint carries {@value #DELTA_TYPE}, so that {@link #toDelta} restores the table schema exactly.
 *
 * <p>Avro → Delta (creating a table from the registry): the inverse, plus enum→string,
 * fixed→binary (or decimal), {@code ["null", T]} / {@code [T, "null"]} → nullable T,
 * timestamp-millis/nanos→timestamp, local-timestamp-millis/nanos→timestamp_ntz, uuid→string.
 */
public final class AvroSchemas {
    /** Field property holding the Delta column name when it is not a valid Avro name. */
    public static final String DELTA_NAME = "deltabridge.name";
    /** Array property marking an array of key/value records that stands for a Delta map. */
    public static final String DELTA_MAP = "deltabridge.map";
    /** Int property naming the Delta type when it is narrower than int ({@code tinyint}, {@code smallint}). */
    public static final String DELTA_TYPE = "deltabridge.type";

    private static final int MAX_DECIMAL_PRECISION = 38;

    private AvroSchemas() {}

    /** The Avro record for a table's rows, named after the table (see {@link AvroNames}). */
    public static Schema toAvro(StructType schema, String tableUri) {
        return toAvro(schema, AvroNames.namespaceFor(tableUri), AvroNames.recordNameFor(tableUri));
    }

    /** The Avro record for a table's key columns ({@code key-format: avro}): {@code <table>_key} in the table's namespace. */
    public static Schema toAvroKey(StructType keyColumns, String tableUri) {
        return toAvro(keyColumns, AvroNames.namespaceFor(tableUri), AvroNames.recordNameFor(tableUri) + "_key");
    }

    /**
     * The Avro record for {@code schema}; nested records are named {@code <record>_<column>[_element|_value|_entry]}
     * in the same namespace.
     */
    public static Schema toAvro(StructType schema, String namespace, String recordName) {
        return new ToAvro(new AvroNames()).record(schema, namespace, recordName);
    }

    /** The Delta schema for an Avro record schema. */
    public static StructType toDelta(Schema record) {
        if (record.getType() != Schema.Type.RECORD) {
            throw Problem.of("Cannot derive a Delta table schema from Avro schema %s", brief(record))
                    .because("it is a %s, and a table needs a record with one field per column", record.getType())
                    .fix("register a record schema, or give the table's schema in the mapping ('to.schema')")
                    .config();
        }
        return new ToDelta().struct(record, record.getFullName());
    }

    /** The Delta column name of an Avro field. */
    public static String deltaName(Schema.Field field) {
        Object original = field.getObjectProp(DELTA_NAME);
        return original instanceof String s ? s : field.name();
    }

    /** The Avro type of a nullable value: the union {@code ["null", T]}. */
    public static Schema nullable(Schema type) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), type);
    }

    private record ToAvro(AvroNames names) {

        Schema record(StructType struct, String namespace, String name) {
            String recordName = names.unique(name);
            Set<String> fieldNames = new HashSet<>();
            List<Schema.Field> fields = new ArrayList<>(struct.length());
            for (StructField column : struct.fields()) {
                String fieldName = uniqueField(column.getName(), fieldNames);
                Schema type = type(column.getDataType(), namespace, recordName + "_" + fieldName);
                Schema.Field field = column.isNullable()
                        ? new Schema.Field(fieldName, nullable(type), null, JsonProperties.NULL_VALUE)
                        : new Schema.Field(fieldName, type);
                if (!fieldName.equals(column.getName())) {
                    field.addProp(DELTA_NAME, column.getName());
                }
                fields.add(field);
            }
            return Schema.createRecord(recordName, null, namespace, false, fields);
        }

        private static String uniqueField(String name, Set<String> taken) {
            String base = AvroNames.sanitize(name);
            String candidate = base;
            for (int n = 2; !taken.add(candidate); n++) {
                candidate = base + "_" + n;
            }
            return candidate;
        }

        Schema type(DataType type, String namespace, String name) {
            if (type instanceof BooleanType) {
                return Schema.create(Schema.Type.BOOLEAN);
            } else if (type instanceof ByteType || type instanceof ShortType) {
                Schema narrow = Schema.create(Schema.Type.INT);
                narrow.addProp(DELTA_TYPE, type instanceof ByteType ? "tinyint" : "smallint");
                return narrow;
            } else if (type instanceof IntegerType) {
                return Schema.create(Schema.Type.INT);
            } else if (type instanceof LongType) {
                return Schema.create(Schema.Type.LONG);
            } else if (type instanceof FloatType) {
                return Schema.create(Schema.Type.FLOAT);
            } else if (type instanceof DoubleType) {
                return Schema.create(Schema.Type.DOUBLE);
            } else if (type instanceof DecimalType d) {
                return LogicalTypes.decimal(d.getPrecision(), d.getScale())
                        .addToSchema(Schema.create(Schema.Type.BYTES));
            } else if (type instanceof StringType) {
                return Schema.create(Schema.Type.STRING);
            } else if (type instanceof BinaryType) {
                return Schema.create(Schema.Type.BYTES);
            } else if (type instanceof DateType) {
                return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            } else if (type instanceof TimestampType) {
                return LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
            } else if (type instanceof TimestampNTZType) {
                return LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
            } else if (type instanceof ArrayType a) {
                Schema element = type(a.getElementType(), namespace, name + "_element");
                return Schema.createArray(a.containsNull() ? nullable(element) : element);
            } else if (type instanceof MapType m) {
                return map(m, namespace, name);
            } else if (type instanceof StructType s) {
                return record(s, namespace, name);
            }
            throw Problem.of("Column type %s cannot be written as Avro", type)
                    .because("SPEC §7 maps only the standard Delta types to Avro")
                    .fix("leave the column out with 'columns', or use format: json")
                    .config();
        }

        private Schema map(MapType map, String namespace, String name) {
            Schema value = type(map.getValueType(), namespace, name + "_value");
            Schema values = map.isValueContainsNull() ? nullable(value) : value;
            if (map.getKeyType() instanceof StringType) {
                return Schema.createMap(values);
            }
            Schema entry = Schema.createRecord(
                    names.unique(name + "_entry"),
                    null,
                    namespace,
                    false,
                    List.of(
                            new Schema.Field("key", type(map.getKeyType(), namespace, name + "_key")),
                            map.isValueContainsNull()
                                    ? new Schema.Field("value", values, null, JsonProperties.NULL_VALUE)
                                    : new Schema.Field("value", values)));
            Schema array = Schema.createArray(entry);
            array.addProp(DELTA_MAP, true);
            return array;
        }
    }

    private static final class ToDelta {
        /** Records being converted, to refuse recursive schemas (a table cannot nest without end). */
        private final Map<Schema, Boolean> open = new IdentityHashMap<>();

        StructType struct(Schema record, String path) {
            if (open.put(record, Boolean.TRUE) != null) {
                throw unsupported(record, path, "the record contains itself, and a table schema cannot be recursive");
            }
            StructType struct = new StructType();
            for (Schema.Field field : record.getFields()) {
                String name = deltaName(field);
                Schema type = field.schema();
                boolean nullable = false;
                if (type.getType() == Schema.Type.UNION) {
                    nullable = type.isNullable();
                    type = nonNull(type, path + "." + name);
                }
                struct = struct.add(new StructField(name, type(type, path + "." + name), nullable));
            }
            open.remove(record);
            return struct;
        }

        DataType type(Schema schema, String path) {
            LogicalType logical = schema.getLogicalType();
            switch (schema.getType()) {
                case BOOLEAN:
                    return BooleanType.BOOLEAN;
                case INT:
                    if (logical instanceof LogicalTypes.Date) {
                        return DateType.DATE;
                    }
                    Object narrow = schema.getObjectProp(DELTA_TYPE);
                    return "tinyint".equals(narrow)
                            ? ByteType.BYTE
                            : "smallint".equals(narrow) ? ShortType.SHORT : IntegerType.INTEGER;
                case LONG:
                    if (logical instanceof LogicalTypes.TimestampMicros
                            || logical instanceof LogicalTypes.TimestampMillis
                            || logical instanceof LogicalTypes.TimestampNanos) {
                        return TimestampType.TIMESTAMP;
                    }
                    if (logical instanceof LogicalTypes.LocalTimestampMicros
                            || logical instanceof LogicalTypes.LocalTimestampMillis
                            || logical instanceof LogicalTypes.LocalTimestampNanos) {
                        return TimestampNTZType.TIMESTAMP_NTZ;
                    }
                    return LongType.LONG;
                case FLOAT:
                    return FloatType.FLOAT;
                case DOUBLE:
                    return DoubleType.DOUBLE;
                case BYTES:
                case FIXED:
                    return logical instanceof LogicalTypes.Decimal d ? decimal(d, schema, path) : BinaryType.BINARY;
                case STRING:
                case ENUM:
                    return StringType.STRING;
                case ARRAY:
                    return array(schema, path);
                case MAP: {
                    Schema values = schema.getValueType();
                    boolean nullValues = values.isNullable();
                    return new MapType(
                            StringType.STRING, type(nonNull(values, path + "{value}"), path + "{value}"), nullValues);
                }
                case RECORD:
                    return struct(schema, path);
                case UNION:
                    return type(nonNull(schema, path), path);
                default:
                    throw unsupported(schema, path, "Avro type " + schema.getType() + " has no Delta column type");
            }
        }

        private DataType array(Schema schema, String path) {
            Schema element = schema.getElementType();
            if (Boolean.TRUE.equals(schema.getObjectProp(DELTA_MAP))
                    && element.getType() == Schema.Type.RECORD
                    && element.getField("key") != null
                    && element.getField("value") != null) {
                Schema key = element.getField("key").schema();
                Schema value = element.getField("value").schema();
                return new MapType(
                        type(nonNull(key, path + "{key}"), path + "{key}"),
                        type(nonNull(value, path + "{value}"), path + "{value}"),
                        value.isNullable());
            }
            return new ArrayType(type(nonNull(element, path + "[]"), path + "[]"), element.isNullable());
        }

        private static DataType decimal(LogicalTypes.Decimal d, Schema schema, String path) {
            if (d.getPrecision() > MAX_DECIMAL_PRECISION) {
                throw unsupported(schema, path, "its precision " + d.getPrecision() + " exceeds Delta's maximum of 38");
            }
            return new DecimalType(d.getPrecision(), d.getScale());
        }

        /** T of {@code ["null", T]} (either order), or the schema itself when it is not a union. */
        private static Schema nonNull(Schema schema, String path) {
            if (schema.getType() != Schema.Type.UNION) {
                return schema;
            }
            Schema only = null;
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() == Schema.Type.NULL) {
                    continue;
                }
                if (only != null) {
                    throw unsupported(schema, path, "a union of several non-null types has no Delta column type");
                }
                only = branch;
            }
            if (only == null) {
                throw unsupported(schema, path, "a field that is always null has no Delta column type");
            }
            return only;
        }

        private static RuntimeException unsupported(Schema schema, String path, String reason) {
            return Problem.of("Cannot map Avro field '%s' (%s) to a Delta column", path, brief(schema))
                    .because(reason)
                    .fix("change the registered schema, or give the table's schema in the mapping ('to.schema')")
                    .config();
        }
    }

    private static String brief(Schema schema) {
        String json = schema.toString();
        return json.length() <= 200 ? json : json.substring(0, 200) + "...";
    }
}
