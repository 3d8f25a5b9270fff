package io.deltabridge.core.codec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.schema.DdlParser;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.TestValues;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One decoder remembers where each field was in the previous record ({@link FieldTable}): records that reorder,
 * add, drop or re-case their fields still land every value in its own column, top level and nested.
 */
class JsonFieldOrderTest {
    @Test
    void fieldsAreFoundInAnyOrderRecordAfterRecord() {
        StructType table = DdlParser.parse("a INT, b STRING, s STRUCT<x: INT, y: INT>, _rescued_data STRING");
        JsonRowDecoder decoder = new JsonRowDecoder(table);
        BatchBuilder batch = new BatchBuilder(table);
        for (String json : List.of(
                "{\"a\":1,\"b\":\"x\",\"s\":{\"x\":1,\"y\":2}}",
                "{\"b\":\"x2\",\"a\":2,\"s\":{\"y\":4,\"x\":3}}",
                "{\"z\":0,\"A\":3,\"s\":{\"X\":5}}",
                "{\"a\":4,\"B\":\"x4\",\"s\":{\"q\":0,\"x\":6,\"y\":7}}",
                "{\"a\":5,\"b\":\"x5\",\"s\":{\"x\":8,\"y\":9}}")) {
            decoder.decode(json.getBytes(StandardCharsets.UTF_8), batch);
        }
        assertEquals(
                List.of(
                        Arrays.asList(1, "x", List.of(1, 2), null),
                        Arrays.asList(2, "x2", List.of(3, 4), null),
                        Arrays.asList(3, null, Arrays.asList(5, null), "{\"z\":0}"),
                        Arrays.asList(4, "x4", List.of(6, 7), "{\"s.q\":0}"),
                        Arrays.asList(5, "x5", List.of(8, 9), null)),
                TestValues.rows(batch.build()));
    }
}
