package io.deltabridge.core.schema.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.error.ConfigException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroSchemasTest {

    private static Schema single(DataType type, boolean nullable) {
        StructType table = new StructType().add("c", type, nullable);
        return AvroSchemas.toAvro(table, "deltabridge.t", "t").getField("c").schema();
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    @Test
    void mapsEveryPrimitiveTypePerSpec() {
        assertEquals(parse("\"boolean\""), single(BooleanType.BOOLEAN, false));
        assertEquals(parse("{\"type\":\"int\",\"deltabridge.type\":\"tinyint\"}"), single(ByteType.BYTE, false));
        assertEquals(parse("{\"type\":\"int\",\"deltabridge.type\":\"smallint\"}"), single(ShortType.SHORT, false));
        assertEquals(parse("\"int\""), single(IntegerType.INTEGER, false));
        assertEquals(parse("\"long\""), single(LongType.LONG, false));
        assertEquals(parse("\"float\""), single(FloatType.FLOAT, false));
        assertEquals(parse("\"double\""), single(DoubleType.DOUBLE, false));
        assertEquals(
                parse("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":12,\"scale\":2}"),
                single(new DecimalType(12, 2), false));
        assertEquals(parse("\"string\""), single(StringType.STRING, false));
        assertEquals(parse("\"bytes\""), single(BinaryType.BINARY, false));
        assertEquals(parse("{\"type\":\"int\",\"logicalType\":\"date\"}"), single(DateType.DATE, false));
        assertEquals(
                parse("{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}"),
                single(TimestampType.TIMESTAMP, false));
        assertEquals(
                parse("{\"type\":\"long\",\"logicalType\":\"local-timestamp-micros\"}"),
                single(TimestampNTZType.TIMESTAMP_NTZ, false));
    }

    @Test
    void nullableColumnsAreUnionsWithNullFirstAndDefaultNull() {
        StructType table = new StructType().add("id", LongType.LONG, false).add("score", DoubleType.DOUBLE, true);
        Schema record = AvroSchemas.toAvro(table, "deltabridge.t", "t");
        assertEquals(parse("[\"null\",\"double\"]"), record.getField("score").schema());
        assertEquals(JsonProperties.NULL_VALUE, record.getField("score").defaultVal());
        assertEquals(parse("\"long\""), record.getField("id").schema());
        assertNull(record.getField("id").defaultVal());
    }

    @Test
    void mapsArraysMapsAndStructs() {
        assertEquals(
                parse("{\"type\":\"array\",\"items\":[\"null\",\"string\"]}"),
                single(new ArrayType(StringType.STRING, true), false));
        assertEquals(
                parse("{\"type\":\"array\",\"items\":\"int\"}"),
                single(new ArrayType(IntegerType.INTEGER, false), false));
        assertEquals(
                parse("{\"type\":\"map\",\"values\":[\"null\",\"long\"]}"),
                single(new MapType(StringType.STRING, LongType.LONG, true), false));

        Schema intKeys = single(new MapType(IntegerType.INTEGER, StringType.STRING, false), false);
        assertEquals(Schema.Type.ARRAY, intKeys.getType());
        assertEquals(Boolean.TRUE, intKeys.getObjectProp(AvroSchemas.DELTA_MAP));
        Schema entry = intKeys.getElementType();
        assertEquals("deltabridge.t.t_c_entry", entry.getFullName());
        assertEquals(parse("\"int\""), entry.getField("key").schema());
        assertEquals(parse("\"string\""), entry.getField("value").schema());

        Schema struct =
                single(new StructType().add("x", IntegerType.INTEGER, false).add("y", StringType.STRING, true), true);
        Schema nested = struct.getTypes().get(1);
        assertEquals("deltabridge.t.t_c", nested.getFullName());
        assertEquals(
                List.of("x", "y"),
                nested.getFields().stream().map(Schema.Field::name).toList());
    }

    @Test
    void namesAreDeterministicSanitisedAndUnique() {
        StructType table = new StructType()
                .add("order id", LongType.LONG, false)
                .add("order-id", LongType.LONG, false)
                .add("1st", StringType.STRING, true)
                .add("a", new StructType().add("b", IntegerType.INTEGER, true), true)
                .add("a_b", IntegerType.INTEGER, true)
                .add("items", new ArrayType(new StructType().add("sku", StringType.STRING, true), true), true);
        Schema record = AvroSchemas.toAvro(table, "s3a://lake/gold/churn-scores/");
        assertEquals("deltabridge.churn_scores.churn_scores", record.getFullName());
        assertEquals(
                List.of("order_id", "order_id_2", "_1st", "a", "a_b", "items"),
                record.getFields().stream().map(Schema.Field::name).toList());
        assertEquals("order id", record.getField("order_id").getProp(AvroSchemas.DELTA_NAME));
        assertEquals("order-id", record.getField("order_id_2").getProp(AvroSchemas.DELTA_NAME));
        assertNull(record.getField("a").getProp(AvroSchemas.DELTA_NAME));
        assertEquals(
                "deltabridge.churn_scores.churn_scores_items_element",
                record.getField("items")
                        .schema()
                        .getTypes()
                        .get(1)
                        .getElementType()
                        .getTypes()
                        .get(1)
                        .getFullName());

        // parsing checks that every named type is defined once
        Schema reparsed = new Schema.Parser().parse(record.toString());
        assertEquals(record, reparsed);
        assertEquals(record, AvroSchemas.toAvro(table, "s3a://lake/gold/churn-scores/"), "deterministic");
    }

    @Test
    void keyRecordsAreNamedAfterTheTableToo() {
        Schema key = AvroSchemas.toAvroKey(
                new StructType().add("customer_id", StringType.STRING, false), "file:/lake/gold/churn_scores");
        assertEquals("deltabridge.churn_scores.churn_scores_key", key.getFullName());
        assertEquals(parse("\"string\""), key.getField("customer_id").schema());
    }

    @Test
    void nestedRecordNamesStayUniqueWhenColumnNamesCollide() {
        StructType inner = new StructType().add("v", IntegerType.INTEGER, true);
        StructType table = new StructType()
                .add("a", new StructType().add("b", inner, true), true)
                .add("a_b", inner, true);
        Schema record = AvroSchemas.toAvro(table, "ns", "t");
        Set<String> names = new HashSet<>();
        collectRecordNames(record, names);
        assertEquals(Set.of("ns.t", "ns.t_a", "ns.t_a_b", "ns.t_a_b_2"), names);
        assertEquals(record, new Schema.Parser().parse(record.toString()));
    }

    private static void collectRecordNames(Schema schema, Set<String> names) {
        switch (schema.getType()) {
            case RECORD -> {
                assertTrue(names.add(schema.getFullName()), "duplicate " + schema.getFullName());
                schema.getFields().forEach(f -> collectRecordNames(f.schema(), names));
            }
            case UNION -> schema.getTypes().forEach(t -> collectRecordNames(t, names));
            case ARRAY -> collectRecordNames(schema.getElementType(), names);
            case MAP -> collectRecordNames(schema.getValueType(), names);
            default -> {}
        }
    }

    @Test
    void roundTripsEveryTypeBackToDelta() {
        StructType table = new StructType()
                .add("b", BooleanType.BOOLEAN, false)
                .add("tiny", ByteType.BYTE, true)
                .add("small", ShortType.SHORT, false)
                .add("i", IntegerType.INTEGER, true)
                .add("l", LongType.LONG, false)
                .add("f", FloatType.FLOAT, true)
                .add("d", DoubleType.DOUBLE, true)
                .add("dec", new DecimalType(38, 10), true)
                .add("s", StringType.STRING, true)
                .add("bin", BinaryType.BINARY, true)
                .add("date", DateType.DATE, true)
                .add("ts", TimestampType.TIMESTAMP, true)
                .add("ntz", TimestampNTZType.TIMESTAMP_NTZ, true)
                .add("arr", new ArrayType(LongType.LONG, true), true)
                .add("smap", new MapType(StringType.STRING, new DecimalType(5, 1), true), true)
                .add("imap", new MapType(LongType.LONG, new ArrayType(StringType.STRING, false), false), true)
                .add(
                        "st",
                        new StructType().add("x", DateType.DATE, false).add("weird name", StringType.STRING, true),
                        false);
        assertEquals(table, AvroSchemas.toDelta(AvroSchemas.toAvro(table, "/lake/t")));
    }

    @Test
    void mapsPlainAvroTypesSensibly() {
        Schema avro = parse("""
            {"type":"record","name":"r","fields":[
              {"name":"e","type":{"type":"enum","name":"color","symbols":["RED","GREEN"]}},
              {"name":"fx","type":{"type":"fixed","name":"md5","size":16}},
              {"name":"fxdec","type":{"type":"fixed","name":"money","size":8,"logicalType":"decimal","precision":18,"scale":4}},
              {"name":"nullLast","type":["string","null"]},
              {"name":"millis","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"localMillis","type":{"type":"long","logicalType":"local-timestamp-millis"}},
              {"name":"uuid","type":{"type":"string","logicalType":"uuid"}},
              {"name":"recs","type":{"type":"array","items":{"type":"record","name":"kv","fields":[
                  {"name":"key","type":"int"},{"name":"value","type":"int"}]}}}
            ]}""");
        StructType expected = new StructType()
                .add("e", StringType.STRING, false)
                .add("fx", BinaryType.BINARY, false)
                .add("fxdec", new DecimalType(18, 4), false)
                .add("nullLast", StringType.STRING, true)
                .add("millis", TimestampType.TIMESTAMP, false)
                .add("localMillis", TimestampNTZType.TIMESTAMP_NTZ, false)
                .add("uuid", StringType.STRING, false)
                .add(
                        "recs",
                        new ArrayType(
                                new StructType()
                                        .add("key", IntegerType.INTEGER, false)
                                        .add("value", IntegerType.INTEGER, false),
                                false),
                        false);
        assertEquals(expected, AvroSchemas.toDelta(avro));
    }

    @Test
    void refusesWhatATableCannotHold() {
        ConfigException notRecord = assertThrows(ConfigException.class, () -> AvroSchemas.toDelta(parse("\"string\"")));
        assertTrue(notRecord.getMessage().contains("record"), notRecord.getMessage());

        ConfigException union = assertThrows(
                ConfigException.class,
                () -> AvroSchemas.toDelta(
                        parse(
                                "{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"u\",\"type\":[\"null\",\"int\",\"string\"]}]}")));
        assertTrue(
                union.getMessage().contains("'r.u'") && union.getMessage().contains("several non-null"),
                union.getMessage());

        ConfigException recursive = assertThrows(
                ConfigException.class,
                () -> AvroSchemas.toDelta(
                        parse(
                                "{\"type\":\"record\",\"name\":\"node\",\"fields\":[{\"name\":\"next\",\"type\":[\"null\",\"node\"]}]}")));
        assertTrue(recursive.getMessage().contains("recursive"), recursive.getMessage());
    }
}
