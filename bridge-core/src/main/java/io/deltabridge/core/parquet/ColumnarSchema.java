package io.deltabridge.core.parquet;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema Kernel's default writer gives a schema of top-level primitive columns, arrays and maps of
 * primitives (such as the {@code _lineage} column), as Kernel 4.4's {@code ParquetSchemaUtils.toParquetSchema} builds it: the
 * same physical and logical types, repetitions, group names, field ids and message name, so readers see no difference
 * between the two writers. Structs, nested arrays and maps, and nested field ids have no schema here.
 */
final class ColumnarSchema {
    /** Where column mapping puts a column's Parquet field id. */
    static final String FIELD_ID_KEY = "parquet.field.id";

    /** Where IcebergCompat puts the field ids of a map's keys and values (not taken here). */
    private static final String NESTED_FIELD_IDS_KEY = "parquet.field.nested.ids";

    static final int DECIMAL_MAX_DIGITS_IN_INT = 9;
    static final int DECIMAL_MAX_DIGITS_IN_LONG = 18;

    /** Bytes of a FIXED_LEN_BYTE_ARRAY decimal of each precision (index), as Kernel and Spark size them. */
    private static final int[] DECIMAL_BYTES = decimalBytes();

    private ColumnarSchema() {}

    /** The Parquet schema of {@code schema}, or empty when a column is of a shape this writer does not take. */
    static Optional<MessageType> of(StructType schema) {
        if (!fieldIdsValid(schema)) {
            return Optional.empty();
        }
        List<Type> fields = new ArrayList<>();
        for (StructField field : schema.fields()) {
            Optional<Type> type = column(field);
            if (type.isEmpty()) {
                return Optional.empty();
            }
            fields.add(type.get());
        }
        return Optional.of(new MessageType("DefaultKernelSchema", fields));
    }

    /**
     * Field ids as Kernel's writer takes them: none, or a distinct non-negative one on every column and no array or map
     * (whose elements, keys and values would need ids of their own). Kernel refuses the rest with its own error.
     */
    private static boolean fieldIdsValid(StructType schema) {
        List<Long> ids = schema.fields().stream()
                .map(f -> f.getMetadata().getLong(FIELD_ID_KEY))
                .toList();
        if (ids.stream().allMatch(Objects::isNull)) {
            return true;
        }
        return ids.stream().allMatch(id -> id != null && id >= 0)
                && ids.stream().distinct().count() == ids.size()
                && schema.fields().stream()
                        .noneMatch(f -> f.getDataType() instanceof MapType || f.getDataType() instanceof ArrayType);
    }

    private static Optional<Type> column(StructField field) {
        if (field.getMetadata().contains(NESTED_FIELD_IDS_KEY)) {
            return Optional.empty();
        }
        Repetition repetition = field.isNullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
        Optional<Type> type = field.getDataType() instanceof MapType map
                ? map(field.getName(), map, repetition)
                : field.getDataType() instanceof ArrayType array
                        ? array(field.getName(), array, repetition)
                        : primitive(field.getName(), field.getDataType(), repetition);
        Long id = field.getMetadata().getLong(FIELD_ID_KEY);
        return id == null ? type : type.map(t -> t.withId(Math.toIntExact(id)));
    }

    private static Optional<Type> array(String name, ArrayType array, Repetition repetition) {
        return primitive(
                        "element",
                        array.getElementType(),
                        array.containsNull() ? Repetition.OPTIONAL : Repetition.REQUIRED)
                .map(element -> Types.buildGroup(repetition)
                        .as(LogicalTypeAnnotation.listType())
                        .addField(Types.repeatedGroup().addField(element).named("list"))
                        .named(name));
    }

    private static Optional<Type> map(String name, MapType map, Repetition repetition) {
        Optional<Type> key = primitive("key", map.getKeyType(), Repetition.REQUIRED);
        Optional<Type> value = primitive(
                "value", map.getValueType(), map.isValueContainsNull() ? Repetition.OPTIONAL : Repetition.REQUIRED);
        if (key.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Types.buildGroup(repetition)
                .as(LogicalTypeAnnotation.mapType())
                .addField(Types.repeatedGroup()
                        .addField(key.get())
                        .addField(value.get())
                        .named("key_value"))
                .named(name));
    }

    private static Optional<Type> primitive(String name, DataType type, Repetition r) {
        return builder(type, r).map(b -> (Type) b.named(name));
    }

    private static Optional<Types.PrimitiveBuilder<?>> builder(DataType type, Repetition r) {
        if (type instanceof BooleanType) {
            return Optional.of(Types.primitive(PrimitiveTypeName.BOOLEAN, r));
        }
        // Kernel writes BYTE and SHORT as plain INT32, without an INT(8) / INT(16) annotation
        if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType) {
            return Optional.of(Types.primitive(PrimitiveTypeName.INT32, r));
        }
        if (type instanceof LongType) {
            return Optional.of(Types.primitive(PrimitiveTypeName.INT64, r));
        }
        if (type instanceof FloatType) {
            return Optional.of(Types.primitive(PrimitiveTypeName.FLOAT, r));
        }
        if (type instanceof DoubleType) {
            return Optional.of(Types.primitive(PrimitiveTypeName.DOUBLE, r));
        }
        if (type instanceof DecimalType d) {
            return Optional.of(decimal(d, r));
        }
        if (type instanceof StringType) {
            return Optional.of(annotated(PrimitiveTypeName.BINARY, r, LogicalTypeAnnotation.stringType()));
        }
        if (type instanceof BinaryType) {
            return Optional.of(Types.primitive(PrimitiveTypeName.BINARY, r));
        }
        if (type instanceof DateType) {
            return Optional.of(annotated(PrimitiveTypeName.INT32, r, LogicalTypeAnnotation.dateType()));
        }
        if (type instanceof TimestampType) {
            return Optional.of(
                    annotated(PrimitiveTypeName.INT64, r, LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)));
        }
        if (type instanceof TimestampNTZType) {
            return Optional.of(
                    annotated(PrimitiveTypeName.INT64, r, LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS)));
        }
        return Optional.empty();
    }

    private static Types.PrimitiveBuilder<?> decimal(DecimalType d, Repetition r) {
        LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(d.getScale(), d.getPrecision());
        if (d.getPrecision() <= DECIMAL_MAX_DIGITS_IN_INT) {
            return annotated(PrimitiveTypeName.INT32, r, annotation);
        }
        if (d.getPrecision() <= DECIMAL_MAX_DIGITS_IN_LONG) {
            return annotated(PrimitiveTypeName.INT64, r, annotation);
        }
        return (Types.PrimitiveBuilder<?>)
                annotated(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, r, annotation).length(decimalBytes(d.getPrecision()));
    }

    private static Types.PrimitiveBuilder<?> annotated(PrimitiveTypeName name, Repetition r, LogicalTypeAnnotation a) {
        return (Types.PrimitiveBuilder<?>) Types.primitive(name, r).as(a);
    }

    /** Bytes of the FIXED_LEN_BYTE_ARRAY of a decimal of {@code precision}. */
    static int decimalBytes(int precision) {
        return DECIMAL_BYTES[precision];
    }

    /** The fewest bytes whose two's complement holds every unscaled value of each precision up to 38. */
    private static int[] decimalBytes() {
        int[] bytes = new int[39];
        int length = 1;
        for (int precision = 1; precision <= 38; precision++) {
            while (Math.pow(2.0, 8 * length - 1) < Math.pow(10.0, precision)) {
                length++;
            }
            bytes[precision] = length;
        }
        return bytes;
    }
}
