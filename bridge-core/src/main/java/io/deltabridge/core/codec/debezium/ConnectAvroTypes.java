package io.deltabridge.core.codec.debezium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Gives Avro logical types to the values that Debezium's and Kafka Connect's semantic types mark
 * only with a {@code connect.name} property (Confluent's AvroConverter writes e.g.
 * {@code {"type":"int","connect.name":"io.debezium.time.Date"}}), so that the row decoder converts
 * them like any Avro date, timestamp or decimal. The binary encoding is the same either way.
 */
final class ConnectAvroTypes {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Debezium's temporal types count from the epoch in the database's local time: local timestamps. */
    private static final Map<String, String> LOGICAL_TYPES = Map.of(
            "io.debezium.time.Date", "date",
            "org.apache.kafka.connect.data.Date", "date",
            "io.debezium.time.Timestamp", "local-timestamp-millis",
            "io.debezium.time.MicroTimestamp", "local-timestamp-micros",
            "io.debezium.time.NanoTimestamp", "local-timestamp-nanos",
            "org.apache.kafka.connect.data.Timestamp", "timestamp-millis",
            "org.apache.kafka.connect.data.Decimal", "decimal");

    private ConnectAvroTypes() {}

    /** {@code writer}, or a copy of it where the types named above carry their Avro logical type. */
    static Schema withLogicalTypes(Schema writer) {
        JsonNode tree;
        try {
            tree = JSON.readTree(writer.toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Avro printed a schema Jackson cannot read", e);
        }
        return annotate(tree) ? new Schema.Parser().setValidateDefaults(false).parse(tree.toString()) : writer;
    }

    /** Adds the logical types in place; whether it added any. */
    private static boolean annotate(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode o && o.has("connect.name") && !o.has("logicalType")) {
            String logical = LOGICAL_TYPES.get(o.get("connect.name").asText());
            if (logical != null) {
                o.put("logicalType", logical);
                if (logical.equals("decimal")) {
                    JsonNode parameters = o.path("connect.parameters");
                    int scale = parameters.path("scale").asInt(0);
                    o.put("scale", scale);
                    o.put(
                            "precision",
                            parameters.path("connect.decimal.precision").asInt(Math.max(38, scale)));
                }
                changed = true;
            }
        }
        for (JsonNode child : node) {
            changed |= annotate(child);
        }
        return changed;
    }
}
