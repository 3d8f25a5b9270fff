package io.deltabridge.core.codec.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.registry.SchemaRegistryClient.RegisteredSchema;
import io.deltabridge.core.schema.avro.AvroSchemas;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.TestValues;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/** {@code use.latest.version}: table rows written with a registered schema other than the derived one. */
class LatestSchemaWriterTest {
    private static final StructType TABLE = new StructType()
            .add("id", LongType.LONG, false)
            .add("name", StringType.STRING, true)
            .add("extra", IntegerType.INTEGER, true);
    private static final int[] ALL = {0, 1, 2};
    private static final Schema DERIVED = AvroSchemas.toAvro(TABLE, "/lake/people");
    private static final Schema NULLABLE_STRING =
            Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));

    @Test
    void fieldsAreMatchedByNameAndAFieldTheTableLacksGetsItsDefault() throws IOException {
        Schema latest = record(
                new Schema.Field("name", NULLABLE_STRING, null, Schema.Field.NULL_DEFAULT_VALUE),
                new Schema.Field("id", Schema.create(Schema.Type.LONG)),
                new Schema.Field("country", Schema.create(Schema.Type.STRING), null, "NL"));
        for (boolean strict : new boolean[] {true, false}) {
            AvroRowEncoder encoder = LatestSchemaWriter.onto(registered(latest), TABLE, ALL, DERIVED, strict);

            ColumnarBatch rows = batch(Arrays.asList(7L, "ann", 3), Arrays.asList(8L, null, null));
            GenericRecord first = read(latest, encoder.encode(rows, 0));
            assertEquals("ann", first.get("name").toString());
            assertEquals(7L, first.get("id"));
            assertEquals("NL", first.get("country").toString());
            GenericRecord second = read(latest, encoder.encode(rows, 1));
            assertEquals(null, second.get("name"));
            assertEquals(8L, second.get("id"));
            assertEquals(latest, encoder.schema());
        }
    }

    @Test
    void strictRefusesALatestSchemaThatCannotReadEveryRowWhileNonStrictWritesTheRowsItCan() throws IOException {
        Schema latest = record(
                new Schema.Field("id", Schema.create(Schema.Type.LONG)),
                new Schema.Field("name", Schema.create(Schema.Type.STRING)));

        ConfigException strict = assertThrows(
                ConfigException.class, () -> LatestSchemaWriter.onto(registered(latest), TABLE, ALL, DERIVED, true));
        assertEquals(
                "The latest schema of subject 'people-value' (version 3, id 42) cannot read the rows of the table",
                strict.problem());
        assertTrue(
                strict.reason()
                        .startsWith(
                                "`latest.compatibility.strict` is true and the latest schema is not backward compatible "
                                        + "with the schema derived from the table: "),
                strict.reason());
        assertTrue(strict.reason().contains("/fields/1/type"), strict.reason());
        assertTrue(strict.fix().contains("`latest.compatibility.strict: false`"), strict.fix());

        AvroRowEncoder usable = LatestSchemaWriter.onto(registered(latest), TABLE, ALL, DERIVED, false);
        ColumnarBatch rows = batch(Arrays.asList(7L, "ann", 3), Arrays.asList(8L, null, null));
        assertEquals("ann", read(latest, usable.encode(rows, 0)).get("name").toString());
        DataException nullName = assertThrows(DataException.class, () -> usable.encode(rows, 1));
        assertEquals("Null value in 'name', which the Avro schema does not allow to be null", nullName.problem());
    }

    @Test
    void aFieldThatIsNoColumnAndHasNoDefaultOrHasAnotherTypeIsNotUsable() {
        Schema noDefault = record(
                new Schema.Field("id", Schema.create(Schema.Type.LONG)),
                new Schema.Field("country", Schema.create(Schema.Type.STRING)));
        Schema otherType = record(new Schema.Field("id", Schema.create(Schema.Type.STRING)));
        for (boolean strict : new boolean[] {true, false}) {
            ConfigException missing = assertThrows(
                    ConfigException.class,
                    () -> LatestSchemaWriter.onto(registered(noDefault), TABLE, ALL, DERIVED, strict));
            if (!strict) {
                assertEquals(
                        "The table's rows cannot be written with the latest schema of subject 'people-value' (version 3, id 42)",
                        missing.problem());
                assertEquals(
                        "`use.latest.version` is true and its field 'country' is not a column of the table and has no default",
                        missing.reason());
            }
        }
        ConfigException retyped = assertThrows(
                ConfigException.class,
                () -> LatestSchemaWriter.onto(registered(otherType), TABLE, ALL, DERIVED, false));
        assertEquals(
                "`use.latest.version` is true and its field 'id' is \"string\", which column 'id' of type long cannot be written as",
                retyped.reason());
    }

    @Test
    void aFieldThatWidensAColumnIsWrittenWithTheWiderType() throws IOException {
        Schema nullableDouble = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.DOUBLE));
        Schema latest = record(
                new Schema.Field("id", nullableDouble, null, Schema.Field.NULL_DEFAULT_VALUE),
                new Schema.Field(
                        "extra",
                        Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.LONG)),
                        null,
                        Schema.Field.NULL_DEFAULT_VALUE));
        AvroRowEncoder encoder = LatestSchemaWriter.onto(registered(latest), TABLE, ALL, DERIVED, true);
        ColumnarBatch rows = batch(Arrays.asList(7L, "ann", 3), Arrays.asList(8L, null, null));
        GenericRecord first = read(latest, encoder.encode(rows, 0));
        assertEquals(7.0, first.get("id"));
        assertEquals(3L, first.get("extra"));
        assertEquals(null, read(latest, encoder.encode(rows, 1)).get("extra"));
    }

    @Test
    void theProjectionPicksTheColumnsTheLatestFieldsAreWrittenFrom() throws IOException {
        int[] nameAndId = {1, 0};
        Schema derived = AvroSchemas.toAvro(AvroRowEncoder.project(TABLE, nameAndId), "/lake/people");
        Schema latest = record(
                new Schema.Field("id", Schema.create(Schema.Type.LONG)),
                new Schema.Field("name", NULLABLE_STRING, null, Schema.Field.NULL_DEFAULT_VALUE));
        AvroRowEncoder encoder = LatestSchemaWriter.onto(registered(latest), TABLE, nameAndId, derived, true);
        GenericRecord row = read(latest, encoder.encode(batch(Arrays.asList(9L, "bo", 1)), 0));
        assertEquals(9L, row.get("id"));
        assertEquals("bo", row.get("name").toString());
    }

    private static Schema record(Schema.Field... fields) {
        return Schema.createRecord(DERIVED.getName(), null, DERIVED.getNamespace(), false, List.of(fields));
    }

    private static RegisteredSchema registered(Schema schema) {
        return new RegisteredSchema("people-value", 42, 3, schema);
    }

    private static ColumnarBatch batch(List<?>... rows) {
        BatchBuilder builder = new BatchBuilder(TABLE);
        for (List<?> row : rows) {
            TestValues.appendRow(builder, row);
        }
        return builder.build();
    }

    private static GenericRecord read(Schema schema, byte[] bytes) throws IOException {
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, null);
        GenericRecord record = new GenericDatumReader<GenericRecord>(schema).read(null, in);
        assertTrue(in.isEnd(), "trailing bytes");
        return record;
    }
}
