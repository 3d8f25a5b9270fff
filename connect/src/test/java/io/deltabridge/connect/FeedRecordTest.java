package io.deltabridge.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.junit.jupiter.api.Test;

class FeedRecordTest {
    private static final Map<String, String> PARTITION = SourcePosition.partition("file:/tmp/t");
    private static final byte[] KEY = "1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "{}".getBytes(StandardCharsets.UTF_8);

    private static FeedRecord record(SourcePosition at, Headers headers) {
        return new FeedRecord(PARTITION, at, "topic", KEY, VALUE, headers);
    }

    @Test
    void equalRecordsHashAlike() {
        SourcePosition at = new SourcePosition("id", 3, 7);
        FeedRecord a = record(at, new ConnectHeaders().addBytes("h", VALUE));
        FeedRecord b = record(new SourcePosition("id", 3, 7), new ConnectHeaders().addBytes("h", VALUE));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void keepsTheOffsetAndEverythingElseOfASourceRecord() {
        Headers headers = new ConnectHeaders().addBytes("h", VALUE);
        FeedRecord r = record(new SourcePosition("id", 3, 7), headers);
        FeedRecord moved = r.at(new SourcePosition("id", 4, 0));
        assertEquals(Map.of("table.id", "id", "version", 3L, "ordinal", 7L), r.sourceOffset());
        assertEquals(Map.of("table.id", "id", "version", 4L, "ordinal", 0L), moved.sourceOffset());
        assertEquals(PARTITION, moved.sourcePartition());
        assertEquals("topic", moved.topic());
        assertEquals(KEY, moved.key());
        assertEquals(VALUE, moved.value());
        assertEquals(headers, moved.headers());
        assertNotEquals(r, moved);
    }
}
