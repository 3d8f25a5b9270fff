package io.deltabridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.testkit.ConsumedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The events a delta → kafka run published, decoded into {@link ChangeEvent}s: version, timestamp and change
 * type from the lineage headers, key and value through a decoder (JSON, or Avro with the registry). With
 * {@code debezium}, every {@code op: d} event must be followed by its key's tombstone.
 */
final class PublishedChanges {
    private PublishedChanges() {}

    static List<ChangeEvent> events(
            List<ConsumedRecord> records, Envelope envelope, Function<byte[], JsonNode> decoder) {
        List<ChangeEvent> events = new ArrayList<>();
        int deletes = 0;
        int tombstones = 0;
        for (ConsumedRecord r : records) {
            String type = r.headerString("deltabridge.change.type");
            long version = Long.parseLong(r.headerString("deltabridge.version"));
            long millis = Long.parseLong(r.headerString("deltabridge.commit.timestamp"));
            JsonNode key = decoder.apply(r.key());
            if (envelope == Envelope.ROW) {
                events.add(new ChangeEvent(
                        version, millis, type, key, null, r.isTombstone() ? null : decoder.apply(r.value())));
            } else if (r.isTombstone()) {
                tombstones++;
            } else {
                JsonNode value = decoder.apply(r.value());
                assertEquals(opOf(type), value.path("op").asText(), "op of " + r);
                assertEquals(version, value.path("source").path("version").asLong(), "source.version of " + r);
                deletes += type.equals("delete") ? 1 : 0;
                events.add(new ChangeEvent(
                        version, millis, type, key, nullable(value.get("before")), nullable(value.get("after"))));
            }
        }
        assertEquals(deletes, tombstones, "one tombstone after each Debezium delete");
        events.sort(null);
        return events;
    }

    private static String opOf(String type) {
        return switch (type) {
            case "insert" -> "c";
            case "update_postimage" -> "u";
            default -> "d";
        };
    }

    private static JsonNode nullable(JsonNode n) {
        return n == null || n.isNull() ? null : n;
    }
}
