package io.deltabridge.core.codec.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.Utf8Buffer;
import io.deltabridge.core.schema.DdlParser;
import io.deltabridge.core.vector.AllTypes;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.KernelFiles;
import io.deltabridge.core.vector.TestValues;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every SPEC §7 encoding in both directions, on edge values, and the Spark fixture. */
class JsonCodecTest {
    private static final String ROW_3 =
            "{\"id\":3,\"c_boolean\":true,\"c_tinyint\":0,\"c_smallint\":0,\"c_int\":0,\"c_bigint\":0,"
                    + "\"c_float\":-0.0,\"c_double\":\"Infinity\",\"c_decimal_10_2\":\"0.00\",\"c_decimal_38_18\":\"0.000000000000000001\","
                    + "\"c_string\":\"\",\"c_binary\":\"AA==\",\"c_date\":\"1970-01-01\",\"c_timestamp\":\"1970-01-01T00:00:00.000000Z\","
                    + "\"c_timestamp_ntz\":\"1970-01-01T00:00:00.000000\",\"c_array_int\":[null],\"c_map_string_bigint\":{\"\":0},"
                    + "\"c_struct\":{\"a\":0,\"b\":\"zero\"},\"c_array_struct\":[{\"x\":\"NaN\",\"y\":\"nan\"}],"
                    + "\"c_map_string_array_int\":{\"k\":[null]},\"c_map_int_string\":[{\"key\":0,\"value\":\"\"}],\"c_nested\":{\"x\":[]}}";
    private static final String ROW_4 =
            "{\"id\":4,\"c_boolean\":false,\"c_tinyint\":1,\"c_smallint\":1000,\"c_int\":123456,"
                    + "\"c_bigint\":1234567890123,\"c_float\":\"Infinity\",\"c_double\":\"-Infinity\",\"c_decimal_10_2\":\"0.01\","
                    + "\"c_decimal_38_18\":\"1.000000000000000000\","
                    + "\"c_string\":\"line1\\nline2\\t\\\"quoted\\\" \\\\ back/slash \\u0001\\u001f\u007f\",\"c_binary\":\"3q2+7wB/gA==\","
                    + "\"c_date\":\"1900-01-01\",\"c_timestamp\":\"2024-02-29T12:00:00.000001Z\",\"c_timestamp_ntz\":\"1899-12-31T23:59:59.999999\","
                    + "\"c_array_int\":[2147483647,-2147483648],\"c_map_string_bigint\":{\"max\":9223372036854775807,\"min\":-9223372036854775808},"
                    + "\"c_struct\":{\"a\":-1,\"b\":\"минус\"},\"c_array_struct\":[{\"x\":1.0E-300,\"y\":\"tiny\"},{\"x\":1.7976931348623157E308,\"y\":\"max\"}],"
                    + "\"c_map_string_array_int\":{\"primes\":[2,3,5,7,11]},\"c_map_int_string\":[{\"key\":-2147483648,\"value\":\"min\"}],"
                    + "\"c_nested\":null}";
    private static final String ROW_1_START = "{\"id\":1,\"c_boolean\":true,\"c_tinyint\":-128,\"c_smallint\":-32768,"
            + "\"c_int\":-2147483648,\"c_bigint\":-9223372036854775808,\"c_float\":1.1,\"c_double\":3.141592653589793,"
            + "\"c_decimal_10_2\":\"-12345678.90\",\"c_decimal_38_18\":\"-12345678901234567890.123456789012345678\","
            + "\"c_string\":\"Zürich — naïve café\",\"c_binary\":\"AAH+/w==\",\"c_date\":\"1969-07-20\","
            + "\"c_timestamp\":\"1969-07-20T20:17:40.123456Z\",\"c_timestamp_ntz\":\"1969-07-20T20:17:40.123456\","
            + "\"c_array_int\":[1,null,3],\"c_map_string_bigint\":{\"clicks\":42,\"views\":null},\"c_struct\":{\"a\":7,\"b\":\"seven\"},"
            + "\"c_array_struct\":[{\"x\":1.25,\"y\":\"p1\"},null,{\"x\":-0.5,\"y\":null}],"
            + "\"c_map_string_array_int\":{\"evens\":[2,4],\"none\":null,\"empty\":[]}";

    static BatchBuilder allTypes() {
        BatchBuilder b = new BatchBuilder(AllTypes.SCHEMA);
        AllTypes.rows().forEach(r -> TestValues.appendRow(b, r));
        return b;
    }

    static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Test
    void encodesEveryTypeExactlyAsSpecified() {
        ColumnarBatch batch = allTypes().build();
        JsonRowEncoder encoder = new JsonRowEncoder(AllTypes.SCHEMA);
        assertEquals(ROW_3, text(encoder.encode(batch, 2)));
        assertEquals(ROW_4, text(encoder.encode(batch, 3)));
        assertEquals(ROW_1_START, text(encoder.encode(batch, 0)).substring(0, ROW_1_START.length()));
        String row5 = text(encoder.encode(batch, 4));
        assertEquals("{\"id\":5,\"c_boolean\":null,", row5.substring(0, 25));
        assertEquals(21, row5.split(":null", -1).length - 1);
        String row2 = text(encoder.encode(batch, 1));
        for (String part : List.of(
                "\"c_float\":\"NaN\",\"c_double\":\"NaN\"",
                "\"c_string\":\"東京 🚀 emoji ✓\",\"c_binary\":\"\"",
                "\"c_timestamp\":\"9999-12-31T23:59:59.999999Z\",\"c_timestamp_ntz\":\"9999-12-31T23:59:59.999999\"",
                "\"c_array_int\":[],\"c_map_string_bigint\":{},\"c_struct\":{\"a\":null,\"b\":\"\"}",
                "\"c_map_int_string\":[]")) {
            assertEquals(true, row2.contains(part), part + " in " + row2);
        }
        String row6 = text(encoder.encode(batch, 5));
        assertEquals(true, row6.contains("\"c_string\":\"\u2028 \uD83D\uDE00 é\""), row6);
        assertEquals(
                true, row6.contains("\"c_date\":\"0001-01-01\",\"c_timestamp\":\"0001-01-01T00:00:00.000000Z\""), row6);
        assertEquals(true, row6.contains("\"c_map_string_bigint\":{\"a\\\"b\":1}"), row6);
    }

    @Test
    void decodesWhatItEncodes() {
        BatchBuilder source = allTypes();
        ColumnarBatch batch = source.build();
        JsonRowEncoder encoder = new JsonRowEncoder(AllTypes.SCHEMA);
        JsonRowDecoder decoder = new JsonRowDecoder(AllTypes.SCHEMA);
        BatchBuilder target = new BatchBuilder(AllTypes.SCHEMA);
        for (int r = 0; r < batch.getSize(); r++) {
            decoder.decode(encoder.encode(batch, r), target);
        }
        assertEquals(AllTypes.rows(), TestValues.rows(target.build()));
    }

    @Test
    void encodesVectorsReadByKernelFromParquet(@TempDir Path dir) throws Exception {
        ColumnarBatch built = allTypes().build();
        JsonRowEncoder encoder = new JsonRowEncoder(AllTypes.SCHEMA);
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < built.getSize(); r++) {
            expected.add(text(encoder.encode(built, r)));
        }
        List<String> actual = new ArrayList<>();
        for (ColumnarBatch read :
                KernelFiles.read(KernelFiles.write(dir, List.of(built), List.of()), AllTypes.SCHEMA)) {
            for (int r = 0; r < read.getSize(); r++) {
                actual.add(text(encoder.encode(read, r)));
            }
        }
        assertEquals(expected, actual);
    }

    @Test
    void sparkFixtureLinesDecodeAndReencodeToTheSameText() throws Exception {
        StructType schema = DdlParser.parse(
                "id INT NOT NULL, c_boolean BOOLEAN, c_tinyint TINYINT, c_smallint SMALLINT, "
                        + "c_int INT, c_bigint BIGINT, c_float FLOAT, c_double DOUBLE, c_decimal_10_2 DECIMAL(10,2), "
                        + "c_decimal_38_18 DECIMAL(38,18), c_string STRING, c_binary BINARY, c_date DATE, c_timestamp TIMESTAMP, "
                        + "c_timestamp_ntz TIMESTAMP_NTZ, c_array_int ARRAY<INT>, c_map_string_bigint MAP<STRING,BIGINT>, "
                        + "c_struct STRUCT<a: INT, b: STRING>, c_array_struct ARRAY<STRUCT<x: DOUBLE, y: STRING>>, "
                        + "c_map_string_array_int MAP<STRING,ARRAY<INT>>, _change_type STRING, _commit_version BIGINT, _commit_timestamp BIGINT");
        List<String> lines = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/fixtures/all_types-expected-cdf.jsonl");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.lines().forEach(lines::add);
        }
        assertEquals(9, lines.size());
        BatchBuilder b = new BatchBuilder(schema);
        JsonRowDecoder decoder = new JsonRowDecoder(schema);
        for (String line : lines) {
            decoder.decode(line.getBytes(StandardCharsets.UTF_8), b);
        }
        ColumnarBatch batch = b.build();
        JsonRowEncoder encoder = new JsonRowEncoder(schema);
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(lines.get(i), text(encoder.encode(batch, i)));
        }
    }

    @Test
    void projectionAndStreamingForm() {
        ColumnarBatch batch = allTypes().build();
        JsonRowEncoder projected = new JsonRowEncoder(AllTypes.SCHEMA, new int[] {4, 0});
        assertEquals("{\"c_int\":0,\"id\":3}", text(projected.encode(batch, 2)));
        assertEquals("{}", text(new JsonRowEncoder(AllTypes.SCHEMA, new int[0]).encode(batch, 0)));

        Utf8Buffer out = new Utf8Buffer(8);
        out.writeUtf8("{\"before\":");
        projected.writeRow(batch, 2, out);
        out.writeUtf8(",\"after\":");
        projected.writeRow(batch, 3, out);
        out.writeUtf8(",\"op\":");
        JsonStrings.writeString(out, "u");
        out.writeByte('}');
        assertEquals(
                "{\"before\":{\"c_int\":0,\"id\":3},\"after\":{\"c_int\":123456,\"id\":4},\"op\":\"u\"}",
                text(out.toByteArray()));
    }

    @Test
    void decoderAcceptsTheLenientForms() {
        StructType schema = DdlParser.parse("d DECIMAL(6,2), x DOUBLE, f FLOAT, ts TIMESTAMP, ntz TIMESTAMP_NTZ, "
                + "dt DATE, Name STRING, m MAP<INT, STRING>");
        BatchBuilder b = new BatchBuilder(schema);
        JsonRowDecoder decoder = new JsonRowDecoder(schema);
        decoder.decode(
                bytes("{\"name\":\"case\",\"f\":\"-Infinity\",\"x\":3,\"d\":12.5,"
                        + "\"ts\":\"2024-01-31T12:00:00+02:00\",\"ntz\":\"2024-01-31T12:00\",\"dt\":\"+10000-01-01\","
                        + "\"m\":[{\"value\":\"v\",\"key\":7},{\"key\":8}]}"),
                b);
        decoder.decode(
                bytes(
                        "{\"d\":7,\"x\":\"1e3\",\"f\":1.1,\"ts\":\"2024-01-31T10:00:00.5Z\",\"ntz\":\"1969-12-31T23:59:59.1234567\"}"),
                b);
        decoder.decode(bytes("{\"d\":\"-0.5\",\"x\":\"NaN\",\"f\":\"Infinity\",\"ts\":\"2024-01-31T10:00:00\"}"), b);
        decoder.decode(bytes("{}"), b);
        List<List<Object>> rows = TestValues.rows(b.build());
        assertEquals(
                List.of(
                        new java.math.BigDecimal("12.50"),
                        3.0,
                        Float.NEGATIVE_INFINITY,
                        micros("2024-01-31T10:00:00Z"),
                        micros("2024-01-31T12:00:00Z"),
                        (int) java.time.LocalDate.of(10000, 1, 1).toEpochDay(),
                        "case",
                        List.of(TestValues.entry(7, "v"), TestValues.entry(8, null))),
                rows.get(0));
        assertEquals(
                List.of(
                        new java.math.BigDecimal("7.00"),
                        1000.0,
                        1.1f,
                        micros("2024-01-31T10:00:00.5Z"),
                        micros("1969-12-31T23:59:59.123456Z")),
                rows.get(1).subList(0, 5));
        assertEquals(
                List.of(
                        new java.math.BigDecimal("-0.50"),
                        Double.NaN,
                        Float.POSITIVE_INFINITY,
                        micros("2024-01-31T10:00:00Z")),
                rows.get(2).subList(0, 4));
        assertEquals(java.util.Collections.nCopies(8, null), rows.get(3));
    }

    @Test
    void stringKeysAreTheValueAsText() {
        ColumnarBatch batch = allTypes().build();
        String[][] expected = {
            {
                "1",
                "true",
                "-128",
                "-32768",
                "-2147483648",
                "-9223372036854775808",
                "1.1",
                "3.141592653589793",
                "-12345678.90",
                "-12345678901234567890.123456789012345678",
                "Zürich — naïve café",
                "AAH+/w==",
                "1969-07-20",
                "1969-07-20T20:17:40.123456Z",
                "1969-07-20T20:17:40.123456"
            },
            {
                "2",
                "false",
                "127",
                "32767",
                "2147483647",
                "9223372036854775807",
                "NaN",
                "NaN",
                "99999999.99",
                "99999999999999999999.999999999999999999",
                "東京 🚀 emoji ✓",
                "",
                "9999-12-31",
                "9999-12-31T23:59:59.999999Z",
                "9999-12-31T23:59:59.999999"
            }
        };
        for (int row = 0; row < expected.length; row++) {
            for (int col = 0; col < expected[row].length; col++) {
                io.deltabridge.core.codec.StringKeyEncoder key =
                        new io.deltabridge.core.codec.StringKeyEncoder(AllTypes.SCHEMA, col);
                assertEquals(expected[row][col], text(key.encode(batch, row)), "column " + col);
            }
        }
        assertNull(new io.deltabridge.core.codec.StringKeyEncoder(AllTypes.SCHEMA, 1).encode(batch, 4));
        assertArrayEquals(
                "-0.0".getBytes(StandardCharsets.US_ASCII),
                new io.deltabridge.core.codec.StringKeyEncoder(AllTypes.SCHEMA, 6).encode(batch, 2));
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static long micros(String instant) {
        java.time.Instant i = java.time.Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }
}
