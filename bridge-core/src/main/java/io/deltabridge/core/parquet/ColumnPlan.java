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
import io.delta.kernel.types.MetadataColumnSpec;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.delta.PrimitiveTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * How one file is read column by column: a decoder per column of the read schema, the file's columns to load, and
 * the converters parquet-mr's column readers are built with; nested columns are read by Kernel's reader beside them
 * ({@link NestedColumns}). There is no plan (Kernel's default reader reads the file) when a primitive column's Parquet
 * type is not one the decoders know for its Delta type: repeated, widened or unusual encodings stay with Kernel.
 */
final class ColumnPlan {
    final List<ColumnDecoder> decoders;
    final MessageType requested;
    final GroupConverter converter;
    final NestedColumns nested;

    private ColumnPlan(
            List<ColumnDecoder> decoders, MessageType requested, GroupConverter converter, NestedColumns nested) {
        this.decoders = decoders;
        this.requested = requested;
        this.converter = converter;
        this.nested = nested;
    }

    /**
     * Whether a plan may exist for the read schema (checked before opening a file): it has a primitive column, and
     * each column is primitive, nested (left to Kernel's reader) or the row index.
     */
    static boolean supports(StructType readSchema) {
        return readSchema.fields().stream()
                        .anyMatch(f -> f.isDataColumn() && PrimitiveTypes.isPrimitive(f.getDataType()))
                && readSchema.fields().stream().allMatch(ColumnPlan::supports);
    }

    private static boolean supports(StructField field) {
        if (field.isMetadataColumn()) {
            return field.getMetadataColumnSpec() == MetadataColumnSpec.ROW_INDEX
                    && field.getDataType() instanceof LongType;
        }
        return PrimitiveTypes.isPrimitive(field.getDataType()) || isNested(field.getDataType());
    }

    private static boolean isNested(DataType t) {
        return t instanceof StructType || t instanceof ArrayType || t instanceof MapType;
    }

    /**
     * The plan for a file with schema {@code fileSchema}, or empty if Kernel's default reader must read it; the read
     * schema's nested columns go to {@code nested}.
     */
    static Optional<ColumnPlan> of(StructType readSchema, MessageType fileSchema, NestedColumns nested) {
        List<StructField> fields = readSchema.fields();
        List<Type> fileColumns = new ArrayList<>();
        Type[] matched = new Type[fields.size()];
        for (int f = 0; f < matched.length; f++) {
            StructField field = fields.get(f);
            Type column =
                    field.isDataColumn() && !isNested(field.getDataType()) ? FileColumns.find(fileSchema, field) : null;
            if (column != null) {
                if (!column.isPrimitive()
                        || column.isRepetition(Type.Repetition.REPEATED)
                        || fileColumns.contains(column)) {
                    return Optional.empty();
                }
                fileColumns.add(column);
                matched[f] = column;
            }
        }
        if (fileColumns.isEmpty()) {
            return Optional.empty(); // nothing to read from column chunks: not worth a path of its own
        }
        MessageType requested = new MessageType(fileSchema.getName(), fileColumns);
        List<ColumnDescriptor> descriptors = requested.getColumns();
        List<ColumnDecoder> decoders = new ArrayList<>();
        List<ParquetColumnDecoder> stored = new ArrayList<>();
        for (int f = 0; f < matched.length; f++) {
            StructField field = fields.get(f);
            if (matched[f] != null) {
                ParquetColumnDecoder decoder = decoder(field.getDataType(), descriptors.get(stored.size()));
                if (decoder == null) {
                    return Optional.empty();
                }
                decoders.add(decoder);
                stored.add(decoder);
            } else if (isNested(field.getDataType())) {
                decoders.add(nested.add(field));
            } else if (field.isMetadataColumn()) {
                decoders.add(new MetadataDecoders.RowIndex());
            } else {
                decoders.add(new MetadataDecoders.Missing(field.getDataType()));
            }
        }
        return Optional.of(new ColumnPlan(decoders, requested, converters(stored), nested));
    }

    /** The decoder for a Delta type stored as {@code column}, or null if it is not one the decoders know. */
    private static ParquetColumnDecoder decoder(DataType type, ColumnDescriptor column) {
        PrimitiveType p = column.getPrimitiveType();
        PrimitiveTypeName stored = p.getPrimitiveTypeName();
        if (type instanceof BooleanType) {
            return stored == PrimitiveTypeName.BOOLEAN ? new ValueDecoders.Booleans(column) : null;
        } else if (type instanceof ByteType) {
            return stored == PrimitiveTypeName.INT32 ? new ValueDecoders.Bytes(column) : null;
        } else if (type instanceof ShortType) {
            return stored == PrimitiveTypeName.INT32 ? new ValueDecoders.Shorts(column) : null;
        } else if (type instanceof IntegerType || type instanceof DateType) {
            return stored == PrimitiveTypeName.INT32 ? new ValueDecoders.Ints(column, type) : null;
        } else if (type instanceof LongType) {
            return stored == PrimitiveTypeName.INT64 ? new ValueDecoders.Longs(column, type, 1) : null;
        } else if (type instanceof FloatType) {
            return stored == PrimitiveTypeName.FLOAT ? new ValueDecoders.Floats(column) : null;
        } else if (type instanceof DoubleType) {
            return stored == PrimitiveTypeName.DOUBLE ? new ValueDecoders.Doubles(column) : null;
        } else if (type instanceof StringType || type instanceof BinaryType) {
            return stored == PrimitiveTypeName.BINARY ? new ValueDecoders.Binaries(column, type) : null;
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
            case INT32, INT64, BINARY, FIXED_LEN_BYTE_ARRAY -> new ValueDecoders.Decimals(column, type, d.getScale());
            default -> null;
        };
    }

    private static ParquetColumnDecoder timestamp(DataType type, ColumnDescriptor column) {
        PrimitiveType p = column.getPrimitiveType();
        if (p.getPrimitiveTypeName() == PrimitiveTypeName.INT96) {
            return new ValueDecoders.Int96Timestamps(column, type);
        }
        if (p.getPrimitiveTypeName() != PrimitiveTypeName.INT64
                || !(p.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation t)
                || t.isAdjustedToUTC() != type instanceof TimestampType) {
            return null;
        }
        if (t.getUnit() == TimeUnit.MICROS) {
            return new ValueDecoders.Longs(column, type, 1);
        }
        return t.getUnit() == TimeUnit.MILLIS ? new ValueDecoders.Longs(column, type, 1000) : null;
    }

    /** parquet-mr builds each column reader with the converter at the column's place in the requested schema. */
    private static GroupConverter converters(List<ParquetColumnDecoder> stored) {
        Converter[] byField =
                stored.stream().map(ParquetColumnDecoder::converter).toArray(Converter[]::new);
        return new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return byField[fieldIndex];
            }

            @Override
            public void start() {}

            @Override
            public void end() {}
        };
    }

    /** Finds a read-schema column in the file as Kernel does: by field id, then by name, then ignoring case. */
    private static final class FileColumns {
        /** The field metadata key of a column's Parquet field id (column mapping mode {@code id}). */
        private static final String FIELD_ID = "parquet.field.id";

        private FileColumns() {}

        static Type find(MessageType file, StructField field) {
            if (field.getMetadata().contains(FIELD_ID)) {
                int id = ((Number) field.getMetadata().get(FIELD_ID)).intValue();
                for (Type t : file.getFields()) {
                    if (t.getId() != null && t.getId().intValue() == id) {
                        return t;
                    }
                }
            }
            if (file.containsField(field.getName())) {
                return file.getType(field.getName());
            }
            return file.getFields().stream()
                    .filter(t -> t.getName().equalsIgnoreCase(field.getName()))
                    .findFirst()
                    .orElse(null);
        }
    }
}
