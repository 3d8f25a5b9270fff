package io.deltabridge.core.codec.debezium;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.deltabridge.core.codec.Utf8Buffer;
import io.deltabridge.core.codec.json.JsonStrings;
import io.deltabridge.core.error.Problem;
import java.io.IOException;

/**
 * Copies a row object, converting the values of Connect semantic types ({@link RowConversions}) to
 * the text the row decoder reads; every other field is copied byte for byte, so the row decoder
 * sees (and reports) it exactly as sent.
 */
final class JsonRowRewriter {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private final Utf8Buffer out = new Utf8Buffer(1024);

    /** The row object {@code data[start, end)} with {@code conversions} applied; valid until the next call. */
    Utf8Buffer rewrite(byte[] data, int start, int end, RowConversions conversions) {
        out.reset();
        out.writeByte('{');
        String field = null;
        try (JsonParser p = JSON.createParser(data, start, end - start)) {
            p.nextToken(); // the row's START_OBJECT (the envelope pass checked the syntax)
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                int fieldStart = (int) p.currentTokenLocation().getByteOffset();
                field = p.currentName();
                JsonToken value = p.nextToken();
                if (out.size() > 1) {
                    out.writeByte(',');
                }
                RowConversions.Conversion c = conversions.get(field);
                if (c != null && value != JsonToken.VALUE_NULL) {
                    int mark = out.size();
                    JsonStrings.writeString(out, field);
                    out.writeByte(':');
                    if (c.type().write(p, value, c.column(), c.scale(), field, out)) {
                        continue;
                    }
                    out.truncate(mark);
                }
                p.skipChildren();
                p.finishToken(); // a string's end is known once it is read
                int valueEnd = (int) p.currentLocation().getByteOffset();
                out.writeBytes(data, start + fieldStart, valueEnd - fieldStart);
            }
        } catch (IOException | ArithmeticException e) {
            throw Problem.of("Field '%s' of the Debezium event cannot be converted to its column's type", field)
                    .because("%s", e.getMessage())
                    .fix("send values in the column's range")
                    .data(e);
        }
        out.writeByte('}');
        return out;
    }
}
