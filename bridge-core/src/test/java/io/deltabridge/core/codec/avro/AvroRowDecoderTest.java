package io.deltabridge.core.codec.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.schema.DdlParser;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.TestValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** Records written by Avro's own writer with a producer's schema, read into a table's schema. */
class AvroRowDecoderTest {

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    /** Avro binary of {@code values} (field name → value) written with {@code schema} by Avro's GenericDatumWriter. */
    private static byte[] write(Schema schema, Map<String, Object> values) {
        GenericRecord record = new GenericData.Record(schema);
        values.forEach(record::put);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder out = EncoderFactory.get().binaryEncoder(bytes, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<List<Object>> decode(
            Schema writer, StructType table, Set<String> callerColumns, byte[]... records) {
        AvroRowDecoder decoder = new AvroRowDecoder(writer, table, callerColumns);
        BatchBuilder batch = new BatchBuilder(table);
        for (byte[] record : records) {
            decoder.decode(record, batch);
        }
        return TestValues.rows(batch.build());
    }

    private static final Schema PRODUCER = parse("""
        {"type":"record","name":"order","namespace":"shop","fields":[
          {"name":"ID","type":"int"},
          {"name":"qty","type":"float"},
          {"name":"placed","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"status","type":{"type":"enum","name":"status","symbols":["NEW","PAID"]}},
          {"name":"note","type":["string","null"]},
          {"name":"price","type":{"type":"fixed","name":"price","size":4,"logicalType":"decimal","precision":9,"scale":2}},
          {"name":"extra","type":["null",{"type":"record","name":"extra","fields":[
              {"name":"tags","type":{"type":"array","items":"string"}},
              {"name":"at","type":{"type":"int","logicalType":"date"}}]}], "default":null},
          {"name":"_kafka_topic","type":["null","string"],"default":null}
        ]}""");

    private static byte[] order(int id, Object extra, Object kafkaTopic) {
        Schema price = PRODUCER.getField("price").schema();
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("ID", id);
        values.put("qty", 2.5f);
        values.put("placed", 1_700_000_000_123L);
        values.put(
                "status", new GenericData.EnumSymbol(PRODUCER.getField("status").schema(), "PAID"));
        values.put("note", id == 1 ? "first" : null);
        values.put(
                "price",
                new Conversions.DecimalConversion().toFixed(new BigDecimal("12.34"), price, price.getLogicalType()));
        values.put("extra", extra);
        values.put("_kafka_topic", kafkaTopic);
        return write(PRODUCER, values);
    }

    private static GenericRecord extra() {
        Schema schema = PRODUCER.getField("extra").schema().getTypes().get(1);
        GenericRecord extra = new GenericData.Record(schema);
        extra.put("tags", List.of("a", "b\"c"));
        extra.put("at", 19_000);
        return extra;
    }

    @Test
    void resolvesByNameWithPromotionsAndLogicalTypes() {
        StructType table =
                DdlParser.parse("note STRING, id BIGINT NOT NULL, qty DOUBLE, placed TIMESTAMP, status STRING, "
                        + "price DECIMAL(10,3), missing INT");
        assertEquals(
                List.of(
                        Arrays.asList("first", 1L, 2.5, 1_700_000_000_123_000L, "PAID", new BigDecimal("12.340"), null),
                        Arrays.asList(null, 2L, 2.5, 1_700_000_000_123_000L, "PAID", new BigDecimal("12.340"), null)),
                decode(PRODUCER, table, Set.of("_kafka_topic"), order(1, null, null), order(2, null, null)));
    }

    @Test
    void keepsUnknownFieldsAsJsonInRescuedData() {
        StructType table =
                DdlParser.parse("id INT, qty FLOAT, placed TIMESTAMP, status STRING, note STRING, price DECIMAL(9,2), "
                        + "_kafka_topic STRING, _rescued_data STRING");
        List<List<Object>> rows =
                decode(PRODUCER, table, Set.of("_kafka_topic"), order(1, extra(), "sneaky"), order(2, null, null));
        assertEquals(
                "{\"extra\":{\"tags\":[\"a\",\"b\\\"c\"],\"at\":\"2022-01-08\"},\"_kafka_topic\":\"sneaky\"}",
                rows.get(0).get(7));
        assertEquals(null, rows.get(0).get(6), "caller columns are never read from the record");
        assertEquals(null, rows.get(1).get(7), "null unknown fields carry nothing");
    }

    @Test
    void unknownFieldsWithoutRescuedDataAreADataError() {
        StructType table =
                DdlParser.parse("id INT, qty FLOAT, placed TIMESTAMP, status STRING, note STRING, price DECIMAL(9,2), "
                        + "_kafka_topic STRING");
        AvroRowDecoder decoder = new AvroRowDecoder(PRODUCER, table, Set.of());
        BatchBuilder batch = new BatchBuilder(table);
        decoder.decode(order(1, null, null), batch);
        DataException e = assertThrows(DataException.class, () -> decoder.decode(order(2, extra(), null), batch));
        assertTrue(e.getMessage().contains("'extra'") && e.getMessage().contains("_rescued_data"), e.getMessage());
        assertEquals(1, batch.rowCount(), "the failed record left nothing behind");
    }

    @Test
    void aMissingNotNullColumnIsADataError() {
        StructType table = DdlParser.parse("id INT, required STRING NOT NULL");
        Schema writer = parse("{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"id\",\"type\":\"int\"}]}");
        AvroRowDecoder decoder = new AvroRowDecoder(writer, table);
        DataException e = assertThrows(
                DataException.class, () -> decoder.decode(write(writer, Map.of("id", 1)), new BatchBuilder(table)));
        assertTrue(e.getMessage().contains("required"), e.getMessage());
    }

    @Test
    void aNullInANotNullColumnIsADataError() {
        StructType table = DdlParser.parse("id INT NOT NULL");
        Schema writer = parse(
                "{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"id\",\"type\":[\"null\",\"int\"]}]}");
        Map<String, Object> nullId = new java.util.HashMap<>();
        nullId.put("id", null);
        DataException e = assertThrows(
                DataException.class,
                () -> new AvroRowDecoder(writer, table).decode(write(writer, nullId), new BatchBuilder(table)));
        assertTrue(e.getMessage().contains("'id'"), e.getMessage());
    }

    @Test
    void aWrongTypeIsADataErrorNamingTheField() {
        StructType table = DdlParser.parse("id INT");
        Schema writer =
                parse("{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
        DataException e = assertThrows(
                DataException.class,
                () -> new AvroRowDecoder(writer, table)
                        .decode(write(writer, Map.of("id", "x")), new BatchBuilder(table)));
        assertTrue(e.getMessage().contains("'id'") && e.getMessage().contains("string"), e.getMessage());
    }

    @Test
    void outOfRangeNarrowingIsADataError() {
        StructType table = DdlParser.parse("small TINYINT");
        Schema writer =
                parse("{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"small\",\"type\":\"int\"}]}");
        AvroRowDecoder decoder = new AvroRowDecoder(writer, table);
        BatchBuilder batch = new BatchBuilder(table);
        decoder.decode(write(writer, Map.of("small", -128)), batch);
        assertThrows(DataException.class, () -> decoder.decode(write(writer, Map.of("small", 128)), batch));
        assertEquals(List.of(List.of((byte) -128)), TestValues.rows(batch.build()));
    }

    @Test
    void truncatedOrTrailingBytesAreDataErrors() {
        StructType table = DdlParser.parse("id INT, s STRING");
        Schema writer = parse("{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"id\",\"type\":\"int\"},"
                + "{\"name\":\"s\",\"type\":\"string\"}]}");
        byte[] good = write(writer, Map.of("id", 7, "s", "hello"));
        AvroRowDecoder decoder = new AvroRowDecoder(writer, table);
        BatchBuilder batch = new BatchBuilder(table);
        DataException truncated =
                assertThrows(DataException.class, () -> decoder.decode(Arrays.copyOf(good, good.length - 2), batch));
        assertTrue(truncated.getMessage().contains("not valid Avro"), truncated.getMessage());
        DataException trailing =
                assertThrows(DataException.class, () -> decoder.decode(Arrays.copyOf(good, good.length + 1), batch));
        assertTrue(trailing.getMessage().contains("bytes left"), trailing.getMessage());
        decoder.decode(good, batch);
        assertEquals(List.of(List.of(7, "hello")), TestValues.rows(batch.build()));
    }

    @Test
    void readsMapsArraysAndNestedStructsFromOtherProducers() {
        Schema writer = parse("""
            {"type":"record","name":"r","fields":[
              {"name":"m","type":{"type":"map","values":["null","long"]}},
              {"name":"kv","type":{"type":"array","items":{"type":"record","name":"e","fields":[
                 {"name":"key","type":"int"},{"name":"value","type":"string"}]}}},
              {"name":"s","type":{"type":"record","name":"inner","fields":[
                 {"name":"b","type":"bytes"},{"name":"unknown","type":"int"}]}}
            ]}""");
        GenericRecord entry =
                new GenericData.Record(writer.getField("kv").schema().getElementType());
        entry.put("key", 5);
        entry.put("value", "five");
        GenericRecord inner = new GenericData.Record(writer.getField("s").schema());
        inner.put("b", ByteBuffer.wrap(new byte[] {1, 2}));
        inner.put("unknown", 9);
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("a", 1L);
        m.put("n", null);
        byte[] record = write(writer, Map.of("m", m, "kv", List.of(entry), "s", inner));

        StructType table = DdlParser.parse(
                "m MAP<STRING, BIGINT>, kv MAP<INT, STRING>, s STRUCT<b: BINARY>, _rescued_data STRING");
        List<Object> row = decode(writer, table, Set.of(), record).get(0);
        assertEquals(
                List.of(Map.entry("a", 1L), new java.util.AbstractMap.SimpleImmutableEntry<>("n", null)), row.get(0));
        assertEquals(List.of(Map.entry(5, "five")), row.get(1));
        assertEquals(List.of(ByteBuffer.wrap(new byte[] {1, 2})), row.get(2));
        assertEquals("{\"s.unknown\":9}", row.get(3));
    }
}
