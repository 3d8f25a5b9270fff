package io.deltabridge.core.codec.debezium;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.deltabridge.core.codec.json.JsonTypes;
import io.deltabridge.core.error.Problem;
import java.io.IOException;

/**
 * The parts of one Debezium JSON event that matter to a keyed table, found in one streaming pass
 * without building a tree: {@code op}, and where in the record's bytes the {@code before} and
 * {@code after} objects and (with Kafka Connect's {@code {"schema":…,"payload":…}} wrapper) the
 * {@code schema} are, so that the row decoder reads them in place. Reused from record to record.
 */
final class JsonEnvelope {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // rows may hold NaN / Infinity
            .build();

    /** A JSON value inside the record: {@code data[start, end)}; {@code start < 0} when absent or null. */
    static final class Slice {
        int start = -1;
        int end;

        boolean present() {
            return start >= 0;
        }

        int length() {
            return end - start;
        }
    }

    final Slice before = new Slice();
    final Slice after = new Slice();
    final Slice schema = new Slice();
    /** The wrapper's payload was JSON null (how Kafka Connect's JsonConverter may write a tombstone). */
    boolean nullPayload;

    String op;

    /** Parses {@code data}, an entire record value. */
    void parse(byte[] data) {
        before.start = -1;
        after.start = -1;
        schema.start = -1;
        nullPayload = false;
        op = null;
        try (JsonParser p = JSON.createParser(data)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw Problem.of("Debezium event is not a JSON object")
                        .because(
                                "envelope debezium with format json expects one object per record, found %s",
                                JsonTypes.jsonType(first))
                        .fix(
                                "send Debezium change events (JSON) to this topic, or change the mapping's format or envelope")
                        .data();
            }
            readFields(p, true);
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw Problem.of("Debezium event has data after its JSON object")
                        .because(
                                "found %s at byte %d",
                                JsonTypes.jsonType(trailing),
                                p.currentTokenLocation().getByteOffset())
                        .fix("send exactly one JSON object per record")
                        .data();
            }
        } catch (JsonProcessingException e) {
            throw Problem.of("Debezium event is not valid JSON")
                    .because(
                            "%s at byte %d",
                            e.getOriginalMessage(),
                            e.getLocation() == null ? -1 : e.getLocation().getByteOffset())
                    .fix("send valid UTF-8 JSON, one object per record")
                    .data(e);
        } catch (IOException e) {
            throw Problem.of("Debezium event could not be read as JSON")
                    .because("%s", e.getMessage())
                    .data(e);
        }
    }

    /** The fields of the object just opened, up to its END_OBJECT; {@code top}: the record itself (may wrap a payload). */
    private void readFields(JsonParser p, boolean top) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "before" -> locateRow(p, value, before, name);
                case "after" -> locateRow(p, value, after, name);
                case "op" -> op = readOp(p, value);
                case "schema" -> {
                    if (top && value == JsonToken.START_OBJECT) {
                        locate(p, schema);
                    } else {
                        p.skipChildren();
                    }
                }
                case "payload" -> {
                    if (!top) {
                        p.skipChildren();
                    } else if (value == JsonToken.START_OBJECT) {
                        readFields(p, false);
                    } else if (value == JsonToken.VALUE_NULL) {
                        nullPayload = true;
                    } else {
                        throw Problem.of("Debezium event's 'payload' is a JSON %s", JsonTypes.jsonType(value))
                                .because(
                                        "Kafka Connect's schema wrapper holds the change event as an object in 'payload'")
                                .fix(
                                        "send {\"schema\":…,\"payload\":{\"before\":…,\"after\":…,\"op\":…}} or the bare change event")
                                .data();
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    private static void locateRow(JsonParser p, JsonToken value, Slice slice, String name) throws IOException {
        if (value == JsonToken.START_OBJECT) {
            locate(p, slice);
        } else if (value == JsonToken.VALUE_NULL) {
            slice.start = -1;
        } else {
            throw Problem.of("Debezium event's '%s' is a JSON %s", name, JsonTypes.jsonType(value))
                    .because("'%s' holds a row of the table as an object, or null", name)
                    .fix("send the row in '%s' as a JSON object", name)
                    .data();
        }
    }

    /** Records the bytes of the object the parser is on (its START_OBJECT) and moves past it. */
    private static void locate(JsonParser p, Slice slice) throws IOException {
        slice.start = (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        slice.end = (int) p.currentLocation().getByteOffset();
    }

    private static String readOp(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            p.skipChildren();
            throw Problem.of("Debezium event's 'op' is a JSON %s", JsonTypes.jsonType(value))
                    .because("'op' is one of the strings c, r, u, d")
                    .fix("send Debezium change events to this topic, or use envelope: row")
                    .data();
        }
        return p.getText();
    }
}
