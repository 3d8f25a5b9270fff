package io.deltabridge.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.HeaderSet;
import io.deltabridge.core.lineage.LineageHeaders;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.junit.jupiter.api.Test;

class ConnectHeadersOfEventsTest {
    private final LineageHeaders.Encoder lineage =
            LineageHeaders.encoder("bridge", "mapping", "file:/tmp/t", LineageHeaders.CONTENT_TYPE_JSON, HeaderSet.ALL);

    /** Each header as its own bytes header, as Connect's ByteArrayConverter writes them back. */
    private static ConnectHeaders converted(Headers headers) {
        ConnectHeaders result = new ConnectHeaders();
        for (Header h : headers) {
            result.add(h.key(), h.value(), Schema.OPTIONAL_BYTES_SCHEMA);
        }
        return result;
    }

    @Test
    void everyEventGetsItsOwnHeadersAcrossVersionsAndChangeKinds() {
        List<Headers> events = new ArrayList<>();
        for (long version = 1; version <= 2; version++) {
            LineageHeaders.VersionHeaders headers = lineage.forVersion("id", version, 1_700_000_000_000L + version);
            for (long ordinal = 0; ordinal < 3; ordinal++) {
                events.add(headers.of(ordinal == 1 ? ChangeKind.DELETE : ChangeKind.INSERT, ordinal));
            }
        }
        ConnectHeadersOfEvents conversion = new ConnectHeadersOfEvents();
        for (Headers event : events) {
            assertEquals(converted(event), conversion.of(event));
        }
    }

    @Test
    void sharesTheConnectHeaderOfASharedHeader() {
        LineageHeaders.VersionHeaders headers = lineage.forVersion("id", 1, 1_700_000_000_000L);
        ConnectHeadersOfEvents conversion = new ConnectHeadersOfEvents();
        ConnectHeaders first = conversion.of(headers.of(ChangeKind.INSERT, 0));
        ConnectHeaders second = conversion.of(headers.of(ChangeKind.INSERT, 1));
        assertSame(first.lastWithName(LineageHeaders.SOURCE), second.lastWithName(LineageHeaders.SOURCE));
        assertEquals("id:1:1", new String((byte[])
                second.lastWithName(LineageHeaders.CE_ID).value()));
    }
}
