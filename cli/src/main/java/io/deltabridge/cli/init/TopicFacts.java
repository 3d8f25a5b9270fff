package io.deltabridge.cli.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a sample of a topic says about the mapping to write: the value format (Confluent Avro wire format
 * or JSON), whether values are Debezium envelopes, the columns of the rows, the key columns.
 */
record TopicFacts(
        String topic,
        int sampled,
        boolean avro,
        boolean debezium,
        Optional<StructType> schema,
        Set<String> conflicting,
        List<String> keyColumns) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte CONFLUENT_MAGIC = 0;

    static TopicFacts of(String topic, List<ConsumerRecord<byte[], byte[]>> sample) {
        List<byte[]> values = sample.stream()
                .map(ConsumerRecord::value)
                .filter(v -> v != null && v.length > 0)
                .toList();
        boolean avro = !values.isEmpty() && values.stream().allMatch(v -> v[0] == CONFLUENT_MAGIC && v.length > 5);
        JsonSchemaGuess rows = new JsonSchemaGuess();
        boolean debezium = false;
        List<String> keyColumns = new ArrayList<>();
        if (!avro) {
            for (ConsumerRecord<byte[], byte[]> r : sample) {
                JsonNode value = unwrapped(parse(r.value()));
                boolean envelope = value != null && value.has("op") && (value.has("after") || value.has("before"));
                debezium |= envelope;
                rows.add(envelope ? value.get("after") : value);
                JsonNode key = unwrapped(parse(r.key()));
                if (keyColumns.isEmpty() && key != null && key.isObject()) {
                    key.fieldNames().forEachRemaining(keyColumns::add);
                }
            }
        }
        return new TopicFacts(topic, sample.size(), avro, debezium, rows.schema(), rows.conflicting(), keyColumns);
    }

    /** A Debezium / Kafka Connect value with its schema wrapper ({@code schema}, {@code payload}) unwrapped. */
    private static JsonNode unwrapped(JsonNode node) {
        return node != null && node.has("schema") && node.has("payload") ? node.get("payload") : node;
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException notJson) {
            return null;
        }
    }
}
