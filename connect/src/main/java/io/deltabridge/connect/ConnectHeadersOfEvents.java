package io.deltabridge.connect;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;

/**
 * The Connect headers of change feed events. The events of one version share all their lineage header objects but
 * {@code ce_id}: the Connect header made for such a header is reused by the following events, so that an event held
 * by Connect until its transaction commits carries one new header, not 13 (with their schema checks).
 */
final class ConnectHeadersOfEvents {
    private Header[] previous = new Header[0];
    private org.apache.kafka.connect.header.Header[] converted = new org.apache.kafka.connect.header.Header[0];

    ConnectHeaders of(org.apache.kafka.common.header.Headers headers) {
        Header[] current = headers.toArray();
        if (current.length != previous.length) {
            previous = new Header[current.length];
            converted = new org.apache.kafka.connect.header.Header[current.length];
        }
        ConnectHeaders result = new ConnectHeaders();
        for (int i = 0; i < current.length; i++) {
            Header h = current[i];
            if (h == previous[i]) {
                result.add(converted[i]);
            } else {
                result.add(h.key(), h.value(), Schema.OPTIONAL_BYTES_SCHEMA);
                previous[i] = h;
                converted[i] = result.lastWithName(h.key());
            }
        }
        return result;
    }
}
