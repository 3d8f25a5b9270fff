package io.deltabridge.core.codec.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.Utf8Buffer;
import io.deltabridge.core.schema.avro.AvroSchemas;
import io.deltabridge.core.vector.AllTypes;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.TestValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/** Every Delta type, with edge values at every nesting level, through Avro binary and back. */
class AvroRoundTripTest {
    private static final StructType SCHEMA = AllTypes.SCHEMA;
    private static final Schema AVRO = AvroSchemas.toAvro(SCHEMA, "/lake/all_types");

    private static ColumnarBatch batch(List<List<Object>> rows) {
        BatchBuilder builder = new BatchBuilder(SCHEMA);
        rows.forEach(row -> TestValues.appendRow(builder, row));
        return builder.build();
    }

    private static List<byte[]> encodeAll(ColumnarBatch batch) {
        AvroRowEncoder encoder = new AvroRowEncoder(SCHEMA, AVRO);
        List<byte[]> encoded = new ArrayList<>();
        for (int r = 0; r < batch.getSize(); r++) {
            encoded.add(encoder.encode(batch, r));
        }
        return encoded;
    }

    @Test
    void everyTypeSurvivesEncodeThenDecode() {
        ColumnarBatch original = batch(AllTypes.rows());
        AvroRowDecoder decoder = new AvroRowDecoder(AVRO, SCHEMA);
        BatchBuilder decoded = new BatchBuilder(SCHEMA);
        for (byte[] bytes : encodeAll(original)) {
            decoder.decode(bytes, decoded);
        }
        assertEquals(TestValues.rows(original), TestValues.rows(decoded.build()));
    }

    @Test
    void encodingIsStandardAvroThatAvrosOwnReaderReads() throws IOException {
        List<List<Object>> rows = AllTypes.rows();
        ColumnarBatch original = batch(rows);
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(AVRO, AVRO, genericDataWithLogicalTypes());
        List<byte[]> encoded = encodeAll(original);
        for (int r = 0; r < encoded.size(); r++) {
            BinaryDecoder in = DecoderFactory.get().binaryDecoder(encoded.get(r), null);
            GenericRecord record = reader.read(null, in);
            assertTrue(in.isEnd(), "row " + r + " has trailing bytes");
            List<Object> expected = rows.get(r);
            assertEquals(expected.get(0), record.get("id"));
            assertEquals(
                    expected.get(10) == null ? null : expected.get(10),
                    record.get("c_string") == null
                            ? null
                            : record.get("c_string").toString());
            assertEquals(expected.get(8), record.get("c_decimal_10_2"));
            assertEquals(expected.get(9), record.get("c_decimal_38_18"));
            assertEquals(
                    expected.get(12) == null ? null : java.time.LocalDate.ofEpochDay((Integer) expected.get(12)),
                    record.get("c_date"));
            assertEquals(
                    expected.get(13) == null ? null : toInstant((Long) expected.get(13)), record.get("c_timestamp"));
        }
    }

    private static GenericData genericDataWithLogicalTypes() {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new org.apache.avro.Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.TimestampMicrosConversion());
        return data;
    }

    private static java.time.Instant toInstant(long micros) {
        return java.time.Instant.EPOCH
                .plusSeconds(Math.floorDiv(micros, 1_000_000L))
                .plusNanos(Math.floorMod(micros, 1_000_000L) * 1000);
    }

    @Test
    void projectionsWriteTheChosenColumnsInTheirOrder() {
        ColumnarBatch original = batch(AllTypes.rows());
        int[] projection = {10, 0};
        StructType projected = AvroRowEncoder.project(SCHEMA, projection);
        Schema avro = AvroSchemas.toAvro(projected, "ns", "projected");
        AvroRowEncoder encoder = new AvroRowEncoder(SCHEMA, projection, avro);
        AvroRowDecoder decoder = new AvroRowDecoder(avro, projected);
        BatchBuilder decoded = new BatchBuilder(projected);
        for (int r = 0; r < original.getSize(); r++) {
            decoder.decode(encoder.encode(original, r), decoded);
        }
        List<List<Object>> expected = new ArrayList<>();
        for (List<Object> row : AllTypes.rows()) {
            expected.add(java.util.Arrays.asList(row.get(10), row.get(0)));
        }
        assertEquals(expected, TestValues.rows(decoded.build()));
    }

    @Test
    void writeRowNestsTheRowInsideAnEnvelope() throws IOException {
        ColumnarBatch original = batch(AllTypes.rows());
        Schema envelope = Schema.createRecord(
                "envelope",
                null,
                "ns",
                false,
                List.of(
                        new Schema.Field(
                                "before", AvroSchemas.nullable(AVRO), null, org.apache.avro.JsonProperties.NULL_VALUE),
                        new Schema.Field(
                                "after", AvroSchemas.nullable(AVRO), null, org.apache.avro.JsonProperties.NULL_VALUE),
                        new Schema.Field("op", Schema.create(Schema.Type.STRING))));
        AvroRowEncoder rows = new AvroRowEncoder(SCHEMA, AVRO);
        Utf8Buffer out = new Utf8Buffer();
        AvroBinary.writeIndex(out, 0); // before: null
        AvroBinary.writeIndex(out, 1); // after: the row
        rows.writeRow(original, 0, out);
        AvroBinary.writeString(out, "c");

        GenericRecord read = new GenericDatumReader<GenericRecord>(envelope)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertEquals(null, read.get("before"));
        assertEquals("c", read.get("op").toString());
        GenericRecord after = (GenericRecord) read.get("after");
        assertEquals(1, after.get("id"));
        assertEquals("Zürich — naïve café", after.get("c_string").toString());
        assertEquals(
                ByteBuffer.wrap(new BigDecimal("-12345678.90").unscaledValue().toByteArray()),
                after.get("c_decimal_10_2"));
    }

    @Test
    void stringLengthsMatchTheUtf8Written() {
        for (String s : List.of("", "ascii", "é", "東京", "🚀", "a\uD800b", "\uDC00", "x\uD83D")) {
            Utf8Buffer out = new Utf8Buffer();
            out.writeUtf8(s);
            assertEquals(out.size(), AvroBinary.utf8Length(s), s);
        }
    }
}
