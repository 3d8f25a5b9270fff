package io.deltabridge.core.codec.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.deltabridge.core.codec.Utf8Buffer;
import io.deltabridge.core.error.Problem;
import java.io.IOException;

/**
 * Collects the fields of one record that the table does not have, as the JSON object
 * {@code {"path": value, ...}} for the {@code _rescued_data} column; or rejects them when the
 * table has no such column. Values are copied token by token with their original text.
 */
final class Rescue {
    private final boolean enabled;
    private final Utf8Buffer out = new Utf8Buffer(256);

    Rescue(boolean enabled) {
        this.enabled = enabled;
    }

    /** Starts a record. */
    void clear() {
        out.reset();
    }

    boolean isEmpty() {
        return out.size() == 0;
    }

    /** The collected object's UTF-8 bytes are {@code array()[0, size())} after {@link #finish()}. */
    Utf8Buffer finish() {
        out.writeByte('}');
        return out;
    }

    /** Takes the value the parser is on (after its field name) for field {@code path}. */
    void capture(String path, JsonParser p) throws IOException {
        if (!enabled) {
            throw Problem.of("Field '%s' is not a column of the table", path)
                    .because(
                            "the table has no %s column to keep unknown fields in",
                            io.deltabridge.core.codec.RowDecoder.RESCUED_DATA_COLUMN)
                    .fix(
                            "add the column '%s' to the table, or a STRING column %s (created by default with create: true)",
                            path, io.deltabridge.core.codec.RowDecoder.RESCUED_DATA_COLUMN)
                    .data();
        }
        JsonText.require(path);
        out.writeByte(out.size() == 0 ? '{' : ',');
        JsonStrings.writeString(out, path);
        out.writeByte(':');
        copy(p, p.currentToken());
    }

    private void copy(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                out.writeByte('{');
                boolean first = true;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    if (!first) {
                        out.writeByte(',');
                    }
                    first = false;
                    JsonText.require(p.currentName());
                    JsonStrings.writeString(out, p.currentName());
                    out.writeByte(':');
                    copy(p, p.nextToken());
                }
                out.writeByte('}');
            }
            case START_ARRAY -> {
                out.writeByte('[');
                boolean first = true;
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (!first) {
                        out.writeByte(',');
                    }
                    first = false;
                    copy(p, next);
                }
                out.writeByte(']');
            }
            case VALUE_STRING -> {
                JsonText.require(p.getText());
                JsonStrings.writeString(out, p.getText());
            }
            default -> out.writeUtf8(p.getText()); // numbers, true, false, null: their text as written
        }
    }
}
