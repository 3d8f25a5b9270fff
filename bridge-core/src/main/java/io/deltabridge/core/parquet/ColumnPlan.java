package io.deltabridge.core.parquet;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.MetadataColumnSpec;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.delta.PrimitiveTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * How one file is read column by column: a decoder per column of the read schema, the file's columns to load, and
 * the converters parquet-mr's column readers are built with. Arrays and maps of primitives in the standard layouts are
 * read column-wise too ({@link CollectionDecoders}); other nested columns are read by Kernel's reader beside them
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
        List<Converter> converters = new ArrayList<>();
        ColumnDecoder[] fromFile = new ColumnDecoder[fields.size()];
        for (int f = 0; f < fromFile.length; f++) {
            StructField field = fields.get(f);
            Type column = field.isDataColumn() ? FileColumns.find(fileSchema, field) : null;
            if (column == null) {
                continue;
            }
            if (isNested(field.getDataType())) {
                Optional<CollectionDecoders.Collection> collection = CollectionDecoders.of(field.getDataType(), column);
                if (collection.isPresent() && !fileColumns.contains(column)) {
                    fileColumns.add(column);
                    converters.add(collection.get().converter());
                    fromFile[f] = collection.get();
                }
                continue; // or Kernel's reader reads it
            }
            if (!column.isPrimitive()
                    || column.isRepetition(Type.Repetition.REPEATED)
                    || fileColumns.contains(column)) {
                return Optional.empty();
            }
            ParquetColumnDecoder decoder = ValueDecoders.forType(
                    field.getDataType(),
                    new MessageType("column", column).getColumns().get(0));
            if (decoder == null) {
                return Optional.empty();
            }
            fileColumns.add(column);
            converters.add(decoder.converter());
            fromFile[f] = decoder;
        }
        if (fileColumns.isEmpty()) {
            return Optional.empty(); // nothing to read from column chunks: not worth a path of its own
        }
        List<ColumnDecoder> decoders = new ArrayList<>();
        for (int f = 0; f < fromFile.length; f++) {
            StructField field = fields.get(f);
            if (fromFile[f] != null) {
                decoders.add(fromFile[f]);
            } else if (isNested(field.getDataType())) {
                decoders.add(nested.add(field));
            } else if (field.isMetadataColumn()) {
                decoders.add(new MetadataDecoders.RowIndex());
            } else {
                decoders.add(new MetadataDecoders.Missing(field.getDataType()));
            }
        }
        return Optional.of(new ColumnPlan(
                decoders,
                new MessageType(fileSchema.getName(), fileColumns),
                ConverterTrees.group(converters.toArray(Converter[]::new)),
                nested));
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
