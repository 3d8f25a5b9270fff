package io.deltabridge.core.codec.avro;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.avro.AvroWriters.ValueWriter;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.registry.SchemaRegistryClient.RegisteredSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Confluent's {@code use.latest.version}: rows written with a subject's latest registered record schema
 * rather than the one derived from the table. Its fields are matched with the table's columns by name
 * (a column it lacks is not written, a field the table lacks gets its default), and each matched column
 * must be writable as the field's type. With {@code latest.compatibility.strict} the latest schema must
 * also be backward compatible with the derived one, as Confluent's serializers check.
 */
final class LatestSchemaWriter {
    private LatestSchemaWriter() {}

    /**
     * An encoder of the columns {@code projection} of {@code batchSchema} (whose derived record is
     * {@code derived}) as the record {@code latest}; throws a configuration problem when they do not map.
     */
    static AvroRowEncoder onto(
            RegisteredSchema latest, StructType batchSchema, int[] projection, Schema derived, boolean strict) {
        Schema target = latest.schema();
        if (target.getType() != Schema.Type.RECORD) {
            throw notUsable(latest, "it is an Avro %s, not a record", target.getType());
        }
        if (strict) {
            SchemaCompatibilityResult result = SchemaCompatibility.checkReaderWriterCompatibility(target, derived)
                    .getResult();
            if (result.getCompatibility() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw Problem.of(
                                "The latest schema of subject '%s' (version %d, id %d) cannot read the rows of the table",
                                latest.subject(), latest.version(), latest.id())
                        .because(
                                "`latest.compatibility.strict` is true and the latest schema is not backward compatible with "
                                        + "the schema derived from the table: %s",
                                describe(result))
                        .fix(
                                "register a version the table's rows map onto under '%s' (`bridge schema -m <mapping>` shows the "
                                        + "derived schema), or set `latest.compatibility.strict: false` to write with it whenever each "
                                        + "of its fields is a column or has a default",
                                latest.subject())
                        .config();
            }
        }
        StructType columns = AvroRowEncoder.project(batchSchema, projection);
        List<Schema.Field> fields = target.getFields();
        int[] ordinals = new int[fields.size()];
        ValueWriter[] writers = new ValueWriter[fields.size()];
        for (int i = 0; i < writers.length; i++) {
            Schema.Field field = fields.get(i);
            Schema.Field column = derived.getField(field.name());
            if (column != null) {
                ordinals[i] = projection[column.pos()];
                writers[i] = writer(latest, columns, column.pos(), field);
            } else if (field.hasDefaultValue()) {
                ordinals[i] = -1;
                writers[i] = constant(defaultValue(field));
            } else {
                throw notUsable(latest, "its field '%s' is not a column of the table and has no default", field.name());
            }
        }
        return new AvroRowEncoder(target, ordinals, writers);
    }

    private static ValueWriter writer(RegisteredSchema latest, StructType columns, int column, Schema.Field field) {
        try {
            return AvroWriters.forType(columns.at(column).getDataType(), field.schema(), field.name());
        } catch (BridgeException mismatch) {
            throw notUsable(
                    latest,
                    "its field '%s' is %s, which column '%s' of type %s cannot be written as",
                    field.name(),
                    field.schema(),
                    columns.at(column).getName(),
                    columns.at(column).getDataType());
        }
    }

    private static ValueWriter constant(byte[] encoded) {
        return (vector, rowId, out) -> out.writeBytes(encoded);
    }

    /** The field's default in Avro binary, written as is into every row. */
    private static byte[] defaultValue(Schema.Field field) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        try {
            new GenericDatumWriter<>(field.schema()).write(GenericData.get().getDefaultValue(field), encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String describe(SchemaCompatibilityResult result) {
        return result.getIncompatibilities().stream()
                .map(i -> i.getMessage() + " at " + i.getLocation())
                .collect(Collectors.joining("; "));
    }

    private static RuntimeException notUsable(RegisteredSchema latest, String reason, Object... args) {
        return Problem.of(
                        "The table's rows cannot be written with the latest schema of subject '%s' (version %d, id %d)",
                        latest.subject(), latest.version(), latest.id())
                .because("`use.latest.version` is true and " + reason, args)
                .fix(
                        "register a version of the schema whose fields are columns of the table (matched by name, of the same or a wider type) "
                                + "or have defaults, or set `use.latest.version: false` to write with the schema derived from the table")
                .config();
    }
}
