package io.deltabridge.core.codec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.schema.DdlParser;
import io.deltabridge.core.vector.BatchBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JSON that is not text or too deep: lone surrogate escapes (wherever a string lands: a column, a
 * map key, rescued data, a field name) and deep nesting are data errors (dead letters), never
 * stored as {@code ?} or a {@link StackOverflowError}.
 */
class JsonHostileInputTest {
    private static final StructType TABLE =
            DdlParser.parse("s STRING, m MAP<STRING, INT>, a ARRAY<STRING>, _rescued_data STRING");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"s\":\"a\\ud800b\"}", // a high surrogate alone
                "{\"s\":\"\\udc00\"}", // a low surrogate alone
                "{\"s\":\"\\ude00\\ud83d\"}", // the pair the wrong way round
                "{\"m\":{\"k\\ud800\":1}}", // a map key
                "{\"a\":[\"ok\",\"\\ud800\"]}", // an array element
                "{\"x\":\"\\ud800\"}", // rescued: an unknown field's value
                "{\"x\":{\"y\":[\"\\udfff\"]}}", // rescued, nested
                "{\"x\\ud800\":1}", // rescued: an unknown field's name
            })
    void aLoneSurrogateIsADataError(String json) {
        DataException e = rejects(json);
        assertTrue(e.getMessage().contains("surrogate"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "EDA080", // U+D800 encoded: a surrogate
                "C3", // a sequence cut short
                "80", // a continuation byte alone
                "01", // a control character
            })
    void bytesThatAreNotUtf8TextAreADataError(String hex) {
        byte[] bad = new byte[hex.length() / 2];
        for (int i = 0; i < bad.length; i++) {
            bad[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        byte[] head = "{\"s\":\"a".getBytes(StandardCharsets.UTF_8);
        byte[] json = Arrays.copyOf(head, head.length + bad.length + 3);
        System.arraycopy(bad, 0, json, head.length, bad.length);
        System.arraycopy("b\"}".getBytes(StandardCharsets.UTF_8), 0, json, head.length + bad.length, 3);
        BatchBuilder batch = new BatchBuilder(TABLE);
        assertThrows(DataException.class, () -> new JsonRowDecoder(TABLE).decode(json, batch));
        assertEquals(0, batch.rowCount());
    }

    @ParameterizedTest
    @ValueSource(ints = {2_000, 200_000})
    void deepNestingIsADataErrorNotAStackOverflow(int depth) {
        rejects("{\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
        rejects("{\"x\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"s\":\"\\ud83d\\ude00\"}", "{\"s\":\"😀\"}"})
    void aSurrogatePairIsText(String json) {
        BatchBuilder batch = new BatchBuilder(TABLE);
        new JsonRowDecoder(TABLE).decode(json.getBytes(StandardCharsets.UTF_8), batch);
        assertEquals("😀", batch.build().getColumnVector(0).getString(0));
    }

    private static DataException rejects(String json) {
        BatchBuilder batch = new BatchBuilder(TABLE);
        DataException e = assertThrows(
                DataException.class,
                () -> new JsonRowDecoder(TABLE).decode(json.getBytes(StandardCharsets.UTF_8), batch));
        assertEquals(0, batch.rowCount());
        return e;
    }
}
