package io.deltabridge.connect;

import io.deltabridge.core.error.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A sink record back as the consumer record it was read as, for deltabridge's own decoders: keys, values and
 * headers as bytes, which the pass-through {@code ByteArrayConverter} leaves them.
 */
final class SinkRecords {
    private SinkRecords() {}

    static ConsumerRecord<byte[], byte[]> toConsumerRecord(SinkRecord r) {
        byte[] key = bytes(r.key(), "key");
        byte[] value = bytes(r.value(), "value");
        RecordHeaders headers = new RecordHeaders();
        for (Header h : r.headers()) {
            headers.add(
                    h.key(),
                    h.value() instanceof String s
                            ? s.getBytes(StandardCharsets.UTF_8)
                            : bytes(h.value(), "header " + h.key()));
        }
        TimestampType type = r.timestampType() == null ? TimestampType.NO_TIMESTAMP_TYPE : r.timestampType();
        long timestamp = r.timestamp() == null ? ConsumerRecord.NO_TIMESTAMP : r.timestamp();
        return new ConsumerRecord<>(
                r.originalTopic(),
                r.originalKafkaPartition(),
                r.originalKafkaOffset(),
                timestamp,
                type,
                key == null ? -1 : key.length,
                value == null ? -1 : value.length,
                key,
                value,
                headers,
                Optional.empty());
    }

    /**
     * {@code r} with these headers instead of its own, as a plain {@link SinkRecord}: of a record it read itself,
     * Connect's errant record reporter sends the consumer record as read, whatever headers the task gave it.
     */
    static SinkRecord withHeaders(SinkRecord r, Headers headers) {
        ConnectHeaders connectHeaders = new ConnectHeaders();
        headers.forEach(h -> connectHeaders.add(h.key(), h.value(), Schema.OPTIONAL_BYTES_SCHEMA));
        return new SinkRecord(
                r.topic(),
                r.kafkaPartition(),
                r.keySchema(),
                r.key(),
                r.valueSchema(),
                r.value(),
                r.kafkaOffset(),
                r.timestamp(),
                r.timestampType(),
                connectHeaders);
    }

    private static byte[] bytes(Object o, String what) {
        if (o == null || o instanceof byte[]) {
            return (byte[]) o;
        }
        throw Problem.of(
                        "The sink record's %s is a %s, not bytes",
                        what, o.getClass().getSimpleName())
                .because("deltabridge decodes the records itself (json or avro, as 'format' says)")
                .fix("set key.converter, value.converter and header.converter of the connector to"
                        + " org.apache.kafka.connect.converters.ByteArrayConverter")
                .config();
    }
}
