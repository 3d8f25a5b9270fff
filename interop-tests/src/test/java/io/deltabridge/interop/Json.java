package io.deltabridge.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON text → tree with the module's one mapper (numbers compare as Jackson reads them from text). */
final class Json {
    private Json() {}

    static JsonNode parse(String text) {
        try {
            return SparkSql.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
