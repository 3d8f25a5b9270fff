package io.deltabridge.core.vector;

import static io.deltabridge.core.vector.TestValues.entry;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.schema.DdlParser;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A schema with every Delta type and rows with edge values at every level, for tests. */
public final class AllTypes {
    public static final StructType SCHEMA = DdlParser.parse(
            "id INT NOT NULL, c_boolean BOOLEAN, c_tinyint TINYINT, c_smallint SMALLINT, c_int INT, c_bigint BIGINT, "
                    + "c_float FLOAT, c_double DOUBLE, c_decimal_10_2 DECIMAL(10,2), c_decimal_38_18 DECIMAL(38,18), "
                    + "c_string STRING, c_binary BINARY, c_date DATE, c_timestamp TIMESTAMP, c_timestamp_ntz TIMESTAMP_NTZ, "
                    + "c_array_int ARRAY<INT>, c_map_string_bigint MAP<STRING,BIGINT>, c_struct STRUCT<a: INT, b: STRING>, "
                    + "c_array_struct ARRAY<STRUCT<x: DOUBLE, y: STRING>>, c_map_string_array_int MAP<STRING,ARRAY<INT>>, "
                    + "c_map_int_string MAP<INT, STRING>, c_nested MAP<STRING, ARRAY<STRUCT<n: STRUCT<v: DECIMAL(5,1)>, t: ARRAY<STRING>>>>");

    private AllTypes() {}

    static int days(String date) {
        return (int) LocalDate.parse(date).toEpochDay();
    }

    static long micros(String instant) {
        java.time.Instant i = java.time.Instant.parse(instant);
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }

    static ByteBuffer bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return ByteBuffer.wrap(b);
    }

    /** Rows in {@link TestValues} form. */
    public static List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList(
                1,
                true,
                (byte) -128,
                (short) -32768,
                Integer.MIN_VALUE,
                Long.MIN_VALUE,
                1.1f,
                3.141592653589793,
                new BigDecimal("-12345678.90"),
                new BigDecimal("-12345678901234567890.123456789012345678"),
                "Zürich — naïve café",
                bytes(0, 1, 0xFE, 0xFF),
                days("1969-07-20"),
                micros("1969-07-20T20:17:40.123456Z"),
                micros("1969-07-20T20:17:40.123456Z"),
                Arrays.asList(1, null, 3),
                List.of(entry("clicks", 42L), entry("views", null)),
                Arrays.asList(7, "seven"),
                Arrays.asList(Arrays.asList(1.25, "p1"), null, Arrays.asList(-0.5, null)),
                List.of(entry("evens", List.of(2, 4)), entry("none", null), entry("empty", List.of())),
                List.of(entry(1, "one"), entry(-2, null)),
                List.of(entry(
                        "k",
                        Arrays.asList(
                                Arrays.asList(Arrays.asList(new BigDecimal("-9999.9")), Arrays.asList("a", null)),
                                null,
                                Arrays.asList(null, null),
                                Arrays.asList(Collections.singletonList(null), List.of()))))));
        rows.add(Arrays.asList(
                2,
                false,
                (byte) 127,
                (short) 32767,
                Integer.MAX_VALUE,
                Long.MAX_VALUE,
                Float.NaN,
                Double.NaN,
                new BigDecimal("99999999.99"),
                new BigDecimal("99999999999999999999.999999999999999999"),
                "東京 🚀 emoji ✓",
                bytes(),
                days("9999-12-31"),
                micros("9999-12-31T23:59:59.999999Z"),
                micros("9999-12-31T23:59:59.999999Z"),
                List.of(),
                List.of(),
                Arrays.asList(null, ""),
                List.of(),
                List.of(),
                List.of(),
                List.of()));
        rows.add(Arrays.asList(
                3,
                true,
                (byte) 0,
                (short) 0,
                0,
                0L,
                -0.0f,
                Double.POSITIVE_INFINITY,
                new BigDecimal("0.00"),
                new BigDecimal("0.000000000000000001"),
                "",
                bytes(0),
                days("1970-01-01"),
                0L,
                0L,
                Collections.singletonList(null),
                List.of(entry("", 0L)),
                Arrays.asList(0, "zero"),
                List.of(Arrays.asList(Double.NaN, "nan")),
                List.of(entry("k", Collections.singletonList(null))),
                List.of(entry(0, "")),
                List.of(entry("x", List.of()))));
        rows.add(Arrays.asList(
                4,
                false,
                (byte) 1,
                (short) 1000,
                123456,
                1234567890123L,
                Float.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                new BigDecimal("0.01"),
                new BigDecimal("1.000000000000000000"),
                "line1\nline2\t\"quoted\" \\ back/slash \u0001\u001f\u007f",
                bytes(0xDE, 0xAD, 0xBE, 0xEF, 0, 0x7F, 0x80),
                days("1900-01-01"),
                micros("2024-02-29T12:00:00.000001Z"),
                micros("1899-12-31T23:59:59.999999Z"),
                List.of(Integer.MAX_VALUE, Integer.MIN_VALUE),
                List.of(entry("max", Long.MAX_VALUE), entry("min", Long.MIN_VALUE)),
                Arrays.asList(-1, "минус"),
                List.of(Arrays.asList(1.0E-300, "tiny"), Arrays.asList(Double.MAX_VALUE, "max")),
                List.of(entry("primes", List.of(2, 3, 5, 7, 11))),
                List.of(entry(Integer.MIN_VALUE, "min")),
                null));
        rows.add(Arrays.asList(
                5, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null));
        rows.add(Arrays.asList(
                6,
                true,
                (byte) -1,
                (short) -1,
                -1,
                -1L,
                Float.NEGATIVE_INFINITY,
                -0.0,
                new BigDecimal("-0.01"),
                new BigDecimal("-0.000000000000000001"),
                "\u2028 \uD83D\uDE00 \u00e9",
                bytes(0xFF),
                days("0001-01-01"),
                micros("0001-01-01T00:00:00Z"),
                micros("1969-12-31T23:59:59.999999Z"),
                List.of(0),
                List.of(entry("a\"b", 1L)),
                Arrays.asList(null, null),
                Collections.singletonList(null),
                List.of(entry("x", Arrays.asList(null, 1))),
                List.of(entry(5, "five"), entry(6, "six")),
                List.of(entry("n", Collections.singletonList(Arrays.asList(null, Collections.singletonList("z")))))));
        return rows;
    }
}
