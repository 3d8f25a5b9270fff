package io.deltabridge.cli.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltabridge.core.schema.DdlPrinter;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonSchemaGuessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonSchemaGuess guess(String... samples) throws Exception {
        JsonSchemaGuess guess = new JsonSchemaGuess();
        for (String s : samples) {
            guess.add(JSON.readTree(s));
        }
        return guess;
    }

    private static String ddl(JsonSchemaGuess guess) {
        return DdlPrinter.toDdl(guess.schema().orElseThrow());
    }

    @Test
    void unitesTheFieldsOfEverySampleInFirstSeenOrder() throws Exception {
        assertEquals(
                "a BIGINT, b STRING, c BOOLEAN", ddl(guess("{\"a\": 1, \"b\": \"x\"}", "{\"c\": true, \"a\": 2}")));
    }

    @Test
    void numbersWidenToDoubleOnceAFractionIsSeen() throws Exception {
        assertEquals("n DOUBLE, m BIGINT", ddl(guess("{\"n\": 1, \"m\": 5}", "{\"n\": 2.5, \"m\": 6}")));
    }

    @Test
    void aNullIsDecidedByTheOtherSamplesElseString() throws Exception {
        assertEquals(
                "a BIGINT, b STRING, c ARRAY<DOUBLE>",
                ddl(guess("{\"a\": null, \"b\": null, \"c\": []}", "{\"a\": 3, \"c\": [null, 1.5]}")));
    }

    @Test
    void structsMergeTheirFieldsAndArraysTheirElements() throws Exception {
        JsonSchemaGuess g = guess(
                "{\"s\": {\"x\": 1, \"y\": null}, \"l\": [{\"k\": \"v\"}]}",
                "{\"s\": {\"y\": {\"z\": true}}, \"l\": [{\"n\": 1}]}");
        assertEquals("s STRUCT<x: BIGINT, y: STRUCT<z: BOOLEAN>>, l ARRAY<STRUCT<k: STRING, n: BIGINT>>", ddl(g));
        assertEquals(Set.of(), g.conflicting());
    }

    @Test
    void disagreeingSamplesBecomeStringAndAreReported() throws Exception {
        JsonSchemaGuess g =
                guess("{\"a\": 1, \"s\": {\"x\": \"t\"}, \"ok\": 1}", "{\"a\": \"one\", \"s\": {\"x\": 2}, \"ok\": 2}");
        assertEquals("a STRING, s STRUCT<x: STRING>, ok BIGINT", ddl(g));
        assertEquals(Set.of("a", "s"), g.conflicting());
    }

    @Test
    void valuesThatAreNotObjectsAreNotRows() throws Exception {
        JsonSchemaGuess g = guess("[1, 2]", "\"text\"", "42");
        assertEquals(Optional.empty(), g.schema());
        assertFalse(g.add(null));
    }
}
