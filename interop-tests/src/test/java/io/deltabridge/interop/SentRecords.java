package io.deltabridge.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltabridge.testkit.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * JSON records sent to a topic for kafka → delta, and the rows a reader of the target table must see for them:
 * the record's columns (absent ones null), {@code _rescued_data} (fields the table does not have) and the lineage
 * columns taken from where the broker put each record. Every record carries a {@code ce_id} and a
 * {@code deltabridge.version} header (kept in {@code _lineage}) and one other header (not kept).
 */
final class SentRecords {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    /** Record timestamps: recent, as the broker's time-based retention would delete older segments at once. */
    private static final long BASE_TIME = System.currentTimeMillis();

    private final List<ObjectNode> expected = new ArrayList<>();

    /**
     * Sends {@code rows} (each with its table columns {@code columns}; any other field is rescued), spread over
     * the topic's partitions, and remembers the rows the table must hold for them.
     */
    void send(KafkaCluster kafka, String topic, int partitions, List<ObjectNode> rows, List<String> columns) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("ce_id", ("id-" + rows.get(i).get("id")).getBytes(StandardCharsets.UTF_8));
            headers.add("deltabridge.version", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
            headers.add("other", "not kept".getBytes(StandardCharsets.UTF_8));
            records.add(new ProducerRecord<>(
                    topic,
                    i % partitions,
                    BASE_TIME + i,
                    null,
                    rows.get(i).toString().getBytes(StandardCharsets.UTF_8),
                    headers));
        }
        List<RecordMetadata> sent = kafka.produce(records);
        for (int i = 0; i < rows.size(); i++) {
            expected.add(expectedRow(rows.get(i), columns, sent.get(i), i));
        }
    }

    /** The rows the table must hold, ordered by id. */
    List<ObjectNode> expected() {
        List<ObjectNode> out = new ArrayList<>(expected);
        out.sort(Comparator.comparing(r -> r.get("id").asLong()));
        return out;
    }

    /** {@code rows} (as a reader returned them) in the form of {@link #expected}: rescued data parsed, ordered by id. */
    static List<ObjectNode> comparable(List<ObjectNode> rows) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode row : rows) {
            ObjectNode r = row.deepCopy();
            JsonNode rescued = r.get("_rescued_data");
            if (rescued != null && rescued.isTextual()) {
                r.set("_rescued_data", Json.parse(rescued.asText()));
            }
            out.add(r);
        }
        out.sort(Comparator.comparing(r -> r.get("id").asLong()));
        return out;
    }

    private static ObjectNode expectedRow(ObjectNode sent, List<String> columns, RecordMetadata where, int ordinal) {
        ObjectNode row = SparkSql.JSON.createObjectNode();
        columns.forEach(c -> row.set(c, sent.has(c) ? sent.get(c) : row.nullNode()));
        ObjectNode rescued = SparkSql.JSON.createObjectNode();
        sent.fields().forEachRemaining(f -> {
            if (!columns.contains(f.getKey())) {
                rescued.set(f.getKey(), f.getValue());
            }
        });
        row.set("_rescued_data", rescued.isEmpty() ? row.nullNode() : rescued);
        row.put("_kafka_topic", where.topic())
                .put("_kafka_partition", where.partition())
                .put("_kafka_offset", where.offset())
                .put(
                        "_kafka_timestamp",
                        MICROS.format(LocalDateTime.ofInstant(
                                        Instant.ofEpochMilli(BASE_TIME + ordinal), ZoneOffset.UTC))
                                + "Z");
        Map<String, String> lineage = new TreeMap<>(
                Map.of("ce_id", "id-" + sent.get("id"), "deltabridge.version", Integer.toString(ordinal)));
        ObjectNode l = row.putObject("_lineage");
        lineage.forEach(l::put);
        return (ObjectNode) Json.parse(row.toString()); // numbers as a reader's text parses them
    }
}
