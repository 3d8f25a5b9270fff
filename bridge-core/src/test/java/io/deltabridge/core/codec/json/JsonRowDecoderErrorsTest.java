package io.deltabridge.core.codec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.schema.DdlParser;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.TestValues;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Records that cannot be decoded: a DataException that says what and where, and the batch unchanged. */
class JsonRowDecoderErrorsTest {
    private static final StructType SCHEMA = DdlParser.parse("id BIGINT NOT NULL, amount DECIMAL(6,2), t TINYINT, "
            + "b BOOLEAN, d DATE, ts TIMESTAMP, bin BINARY, tags ARRAY<STRING NOT NULL>, "
            + "m MAP<INT, STRING>, s STRUCT<a: INT NOT NULL, b: STRING>, f DOUBLE, ms MAP<STRING, INT>");
    private static final String GOOD = "{\"id\":1,\"amount\":\"1.50\",\"s\":{\"a\":1}}";

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"id\":\"1\"}|Field 'id' expects BIGINT but the record has a JSON string",
                "{\"id\":1.5}|Field 'id' expects BIGINT but the record has a JSON number",
                "{\"id\":99999999999999999999}|Field 'id' expects BIGINT but the record has \"99999999999999999999\"",
                "{\"id\":1,\"t\":128}|Field 't' expects TINYINT but the record has \"128\"",
                "{\"id\":1,\"amount\":true}|Field 'amount' expects DECIMAL(6,2) but the record has a JSON boolean",
                "{\"id\":1,\"amount\":\"1.234\"}|does not fit column 'amount' of type DECIMAL(6,2)",
                "{\"id\":1,\"amount\":12345.6}|does not fit column 'amount' of type DECIMAL(6,2)",
                "{\"id\":1,\"amount\":\"12,5\"}|Field 'amount' expects DECIMAL(6,2) but the record has \"12,5\"",
                "{\"id\":1,\"b\":\"true\"}|Field 'b' expects BOOLEAN but the record has a JSON string",
                "{\"id\":1,\"d\":\"2024-02-30\"}|Field 'd' expects DATE but the record has \"2024-02-30\"",
                "{\"id\":1,\"d\":20240101}|Field 'd' expects DATE but the record has a JSON number",
                "{\"id\":1,\"ts\":\"yesterday\"}|Field 'ts' expects TIMESTAMP but the record has \"yesterday\"",
                "{\"id\":1,\"bin\":\"***\"}|Field 'bin' expects BINARY but the record has \"***\"",
                "{\"id\":1,\"tags\":\"a\"}|Field 'tags' expects ARRAY<STRING NOT NULL> but the record has a JSON string",
                "{\"id\":1,\"tags\":[\"a\",null]}|Null value for NOT NULL column 'tags[]'",
                "{\"id\":1,\"tags\":[\"a\",1]}|Field 'tags[]' expects STRING but the record has a JSON number",
                "{\"id\":1,\"m\":{\"1\":\"x\"}}|Field 'm' expects MAP<INT, STRING> but the record has a JSON object",
                "{\"id\":1,\"m\":[{\"value\":\"x\"}]}|an entry without \"key\"",
                "{\"id\":1,\"m\":[{\"key\":null,\"value\":\"x\"}]}|Null value for NOT NULL column 'm{key}'",
                "{\"id\":1,\"ms\":{\"k\":\"v\"}}|Field 'ms{value}' expects INT but the record has a JSON string",
                "{\"id\":1,\"s\":[]}|Field 's' expects STRUCT<a: INT NOT NULL, b: STRING> but the record has a JSON array",
                "{\"id\":1,\"s\":{\"b\":\"x\"}}|Missing value for NOT NULL column 's.a'",
                "{\"id\":1,\"s\":{\"a\":null}}|Null value for NOT NULL column 's.a'",
                "{\"id\":1,\"f\":\"fast\"}|Field 'f' expects DOUBLE but the record has \"fast\"",
                "{\"amount\":\"1.00\"}|Missing value for NOT NULL column 'id'",
                "{\"id\":null}|Null value for NOT NULL column 'id'",
                "{\"id\":1,\"id\":2}|Field 'id' appears more than once",
                "{\"id\":1,\"extra\":{\"x\":1}}|Field 'extra' is not a column of the table",
                "{\"id\":1,\"s\":{\"a\":1,\"c\":2}}|Field 's.c' is not a column of the table",
                "[1,2]|Record is not a JSON object",
                "{\"id\":1} {}|Record has data after its JSON object",
                "{\"id\":1,|Record is not valid JSON",
                "not json|Record is not valid JSON",
                "''|Record is not a JSON object"
            })
    void dataErrorsNameTheFieldAndLeaveTheBatchUnchanged(String record, String message) {
        BatchBuilder b = new BatchBuilder(SCHEMA);
        JsonRowDecoder decoder = new JsonRowDecoder(SCHEMA);
        decoder.decode(bytes(GOOD), b);
        String json = record.equals("''") ? "" : record;
        DataException e = assertThrows(DataException.class, () -> decoder.decode(bytes(json), b));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.fix() != null && !e.fix().isBlank(), e.getMessage());
        decoder.decode(bytes("{\"id\":2}"), b);
        List<List<Object>> rows = TestValues.rows(b.build());
        assertEquals(2, rows.size());
        assertEquals(1L, rows.get(0).get(0));
        assertEquals(2L, rows.get(1).get(0));
        assertEquals(
                Arrays.asList(null, null, null, null, null, null, null, null, null, null, null),
                rows.get(1).subList(1, 12));
    }

    @Test
    void unknownFieldsGoToTheRescuedDataColumnWhenThereIsOne() {
        StructType schema = DdlParser.parse("id BIGINT, s STRUCT<a: INT>, _rescued_data STRING, _kafka_offset BIGINT");
        BatchBuilder b = new BatchBuilder(schema);
        JsonRowDecoder decoder = new JsonRowDecoder(schema, Set.of("_kafka_offset"));
        byte[] record = bytes("xx{\"id\":1,\"new\":[1.50,{\"k\":\"é\\n\"},null,true],\"s\":{\"a\":2,\"z\":-0.0},"
                + "\"_kafka_offset\":5,\"_rescued_data\":\"x\"}");
        b.startRow();
        decoder.decodeInto(record, 2, record.length - 2, b);
        b.column("_kafka_offset").appendLong(42);
        b.commitRow();
        decoder.decode(bytes("{\"id\":2}"), b);
        List<List<Object>> rows = TestValues.rows(b.build());
        assertEquals(
                Arrays.asList(
                        1L,
                        List.of(2),
                        "{\"new\":[1.50,{\"k\":\"é\\n\"},null,true],\"s.z\":-0.0,\"_kafka_offset\":5,\"_rescued_data\":\"x\"}",
                        42L),
                rows.get(0));
        assertEquals(Arrays.asList(2L, null, null, null), rows.get(1));
    }

    @Test
    void aFailureDeepInsideANestedValueRollsBackEverything() {
        StructType schema =
                DdlParser.parse("id BIGINT, m MAP<STRING, ARRAY<STRUCT<x: INT NOT NULL, y: ARRAY<STRING>>>>, z INT");
        BatchBuilder b = new BatchBuilder(schema);
        JsonRowDecoder decoder = new JsonRowDecoder(schema);
        decoder.decode(bytes("{\"id\":1,\"m\":{\"a\":[{\"x\":1,\"y\":[\"p\"]}]}}"), b);
        assertThrows(
                DataException.class,
                () -> decoder.decode(
                        bytes("{\"id\":2,\"m\":{\"a\":[{\"x\":1,\"y\":[\"q\",\"r\"]},{\"y\":[\"s\"]}]},\"z\":3}"), b));
        assertThrows(
                DataException.class,
                () -> decoder.decode(
                        bytes("{\"id\":3,\"m\":{\"a\":[{\"x\":1,\"y\":[\"q\",\"r\"]},{\"x\":2,\"y\":[\"s\", 5]}]}}"),
                        b));
        decoder.decode(bytes("{\"m\":{\"b\":[{\"x\":4,\"y\":null}]},\"id\":4}"), b);
        assertEquals(
                List.of(
                        Arrays.asList(1L, List.of(TestValues.entry("a", List.of(List.of(1, List.of("p"))))), null),
                        Arrays.asList(4L, List.of(TestValues.entry("b", List.of(Arrays.asList(4, null)))), null)),
                TestValues.rows(b.build()));
    }

    @Test
    void rescuedDataMustBeAStringColumn() {
        assertThrows(
                io.deltabridge.core.error.ConfigException.class,
                () -> new JsonRowDecoder(DdlParser.parse("id INT, _rescued_data INT")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
