package io.deltabridge.testkit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A record read back from a topic, with string views for assertions. Key and value may be null. */
public record ConsumedRecord(
        String topic, int partition, long offset, long timestamp, byte[] key, byte[] value, List<Header> headers) {

    static ConsumedRecord of(ConsumerRecord<byte[], byte[]> r) {
        return new ConsumedRecord(
                r.topic(),
                r.partition(),
                r.offset(),
                r.timestamp(),
                r.key(),
                r.value(),
                List.of(r.headers().toArray()));
    }

    /** The key as UTF-8 text, or null. */
    public String keyString() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    /** The value as UTF-8 text, or null for a tombstone. */
    public String valueString() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    public boolean isTombstone() {
        return value == null;
    }

    /** The last header with this name, or null. */
    public byte[] header(String name) {
        byte[] found = null;
        for (Header h : headers) {
            if (h.key().equals(name)) {
                found = h.value();
            }
        }
        return found;
    }

    /** The last header with this name as UTF-8 text, or null. */
    public String headerString(String name) {
        byte[] v = header(name);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /** Header names to UTF-8 values (the last one wins for repeated names), in record order. */
    public Map<String, String> headerStrings() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : headers) {
            out.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset + " " + keyString() + " -> " + valueString() + " "
                + headerStrings();
    }
}
