package io.deltabridge.interop;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Seeded rows of a table with a column of every type of SPEC §7 (nested ones included), in the bridge's JSON
 * encoding: what is sent to kafka → delta and what Spark must read back. The first rows hold the edge values
 * (extreme dates and timestamps, NaN and infinities, negative zero, the widest decimals, empty strings and
 * binaries, every nullable column null); the others are random.
 */
final class AllTypesRows {
    /** The columns, in the DDL both deltabridge and Spark take. */
    static final String DDL = "id BIGINT NOT NULL, flag BOOLEAN, tiny TINYINT, small SMALLINT, num INT, big BIGINT,"
            + " real FLOAT, dbl DOUBLE, amount DECIMAL(12,3), wide DECIMAL(38,10), name STRING, raw BINARY, day DATE,"
            + " at TIMESTAMP, local TIMESTAMP_NTZ, tags ARRAY<STRING>, scores MAP<STRING,INT>, by_id MAP<INT,STRING>,"
            + " address STRUCT<city: STRING, zip: INT>, items ARRAY<STRUCT<sku: STRING, qty: INT>>, region STRING";

    static final List<String> COLUMNS = List.of(
            "id", "flag", "tiny", "small", "num", "big", "real", "dbl", "amount", "wide", "name", "raw", "day", "at",
            "local", "tags", "scores", "by_id", "address", "items", "region");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final String[] REGIONS = {"eu", "us", "ap", "a b/c=d%", ""};
    private static final String[] TEXT = {
        "", "plain", "ünïcødé ☃", "emoji 🚀", "quote \" and \\ backslash", "new\nline\ttab"
    };

    private AllTypesRows() {}

    /** Row {@code id} of the seeded sequence (ids 0.. 2 are the edge rows). */
    static ObjectNode row(Random random, long id) {
        ObjectNode r = NODES.objectNode().put("id", id);
        if (id == 0) {
            return nulls(r);
        }
        if (id == 1) {
            return r.put("flag", false)
                    .put("tiny", Byte.MIN_VALUE)
                    .put("small", Short.MIN_VALUE)
                    .put("num", Integer.MIN_VALUE)
                    .put("big", Long.MIN_VALUE)
                    .put("real", "NaN")
                    .put("dbl", "-Infinity")
                    .put("amount", "-999999999.999")
                    .put("wide", "-9999999999999999999999999999.9999999999")
                    .put("name", "")
                    .put("raw", "")
                    .put("day", "0001-01-01")
                    .put("at", "0001-01-01T00:00:00.000000Z")
                    .put("local", "0001-01-01T00:00:00.000000")
                    .<ObjectNode>set("tags", NODES.arrayNode())
                    .<ObjectNode>set("scores", NODES.objectNode())
                    .<ObjectNode>set("by_id", NODES.arrayNode())
                    .<ObjectNode>set(
                            "address", NODES.objectNode().putNull("city").putNull("zip"))
                    .<ObjectNode>set("items", NODES.arrayNode())
                    .put("region", REGIONS[3]);
        }
        if (id == 2) {
            r.put("flag", true)
                    .put("tiny", Byte.MAX_VALUE)
                    .put("small", Short.MAX_VALUE)
                    .put("num", Integer.MAX_VALUE)
                    .put("big", Long.MAX_VALUE)
                    .put("real", "Infinity")
                    .put("dbl", -0.0)
                    .put("amount", "0.001")
                    .put("wide", "9999999999999999999999999999.9999999999")
                    .put("name", TEXT[4])
                    .put("raw", "AP8=")
                    .put("day", "9999-12-31")
                    .put("at", "9999-12-31T23:59:59.999999Z")
                    .put("local", "1969-12-31T23:59:59.999999")
                    .put("region", REGIONS[4]);
            r.putArray("tags").addNull().add("");
            r.putObject("scores").putNull("none").put("", 0);
            r.putArray("by_id").addObject().put("key", -1).putNull("value");
            r.putObject("address").put("city", TEXT[3]).put("zip", 0);
            r.putArray("items").addNull().addObject().putNull("sku").put("qty", -1);
            return r;
        }
        return randomRow(random, r);
    }

    private static ObjectNode nulls(ObjectNode r) {
        COLUMNS.stream().skip(1).forEach(r::putNull);
        return r;
    }

    private static ObjectNode randomRow(Random random, ObjectNode r) {
        r.put("flag", random.nextBoolean())
                .put("tiny", (byte) random.nextInt())
                .put("small", (short) random.nextInt())
                .put("num", random.nextInt())
                .put("big", random.nextLong())
                .put("real", random.nextFloat() * 1000 - 500)
                .put("dbl", random.nextGaussian() * 1e6)
                .put("amount", decimal(random, 9, 3))
                .put("wide", decimal(random, 28, 10))
                .put("name", TEXT[random.nextInt(TEXT.length)] + random.nextInt(100))
                .put("raw", bytes(random))
                .put("day", day(random).toString())
                .put("at", MICROS.format(timestamp(random)) + "Z")
                .put("local", MICROS.format(timestamp(random)))
                .put("region", REGIONS[random.nextInt(3)]);
        ArrayNode tags = r.putArray("tags");
        ObjectNode scores = r.putObject("scores");
        ArrayNode byId = r.putArray("by_id");
        ArrayNode items = r.putArray("items");
        for (int i = random.nextInt(4); i > 0; i--) {
            tags.add("t" + random.nextInt(10));
            scores.put("k" + i, random.nextInt(1000));
            byId.addObject().put("key", i * 7).put("value", "v" + random.nextInt(10));
            items.addObject().put("sku", "sku-" + random.nextInt(100)).put("qty", random.nextInt(20));
        }
        r.putObject("address").put("city", "city " + random.nextInt(50)).put("zip", random.nextInt(99999));
        // about one value in eight is null
        COLUMNS.stream().skip(1).filter(c -> random.nextInt(8) == 0).forEach(r::putNull);
        return r;
    }

    private static String decimal(Random random, int integerDigits, int scale) {
        BigInteger unscaled = new BigInteger(integerDigits * 3 + scale * 3, random)
                .subtract(BigInteger.ONE.shiftLeft(integerDigits * 3));
        BigDecimal value = new BigDecimal(unscaled, scale);
        BigDecimal limit = BigDecimal.TEN.pow(integerDigits);
        return value.remainder(limit).setScale(scale).toPlainString();
    }

    private static String bytes(Random random) {
        byte[] b = new byte[random.nextInt(12)];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static LocalDate day(Random random) {
        return LocalDate.of(1900, 1, 1).plusDays(random.nextInt(365 * 250));
    }

    private static LocalDateTime timestamp(Random random) {
        long seconds = LocalDateTime.of(1900, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC)
                + (long) (random.nextDouble() * 250L * 365 * 86400);
        return LocalDateTime.ofEpochSecond(seconds, random.nextInt(1_000_000) * 1000, ZoneOffset.UTC);
    }
}
