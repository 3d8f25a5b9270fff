package io.deltabridge.core.lineage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The headers of one event over the array they were built in: the producer reads them with
 * {@link #toArray()} without the two copies {@code RecordHeaders} makes. Still a full
 * {@link Headers}, for producer interceptors that add or remove headers.
 */
final class EventHeaders implements Headers {
    private Header[] headers;

    EventHeaders(Header[] headers) {
        this.headers = headers;
    }

    @Override
    public Headers add(Header header) {
        headers = Arrays.copyOf(headers, headers.length + 1);
        headers[headers.length - 1] = header;
        return this;
    }

    @Override
    public Headers add(String key, byte[] value) {
        return add(new RecordHeader(key, value));
    }

    @Override
    public Headers remove(String key) {
        headers = Arrays.stream(headers).filter(h -> !h.key().equals(key)).toArray(Header[]::new);
        return this;
    }

    @Override
    public Header lastHeader(String key) {
        for (int i = headers.length - 1; i >= 0; i--) {
            if (headers[i].key().equals(key)) {
                return headers[i];
            }
        }
        return null;
    }

    @Override
    public Iterable<Header> headers(String key) {
        List<Header> matching = new ArrayList<>();
        for (Header h : headers) {
            if (h.key().equals(key)) {
                matching.add(h);
            }
        }
        return matching;
    }

    @Override
    public Header[] toArray() {
        return headers;
    }

    @Override
    public Iterator<Header> iterator() {
        return Arrays.asList(headers).iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers other && Arrays.equals(headers, other.toArray());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(headers);
    }

    @Override
    public String toString() {
        return "EventHeaders" + Arrays.toString(headers);
    }
}
