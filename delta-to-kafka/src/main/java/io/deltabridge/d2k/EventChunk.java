package io.deltabridge.d2k;

import io.deltabridge.core.config.ChangeKind;

/**
 * The events encoded from one change batch, handed from the encoding thread to the publishing
 * thread. An end-of-version chunk closes each version read; its {@code nextOrdinal} is the
 * version's number of change rows.
 */
final class EventChunk {
    /** What an event takes on the heap besides its key's and value's bytes: two array headers and the slots. */
    private static final int EVENT_OVERHEAD_BYTES = 64;

    final long version;
    final long commitTimestamp;
    final boolean endOfVersion;
    final long nextOrdinal;
    final ChangeKind[] kinds;
    final long[] ordinals;
    final byte[][] keys;
    final byte[][] values;
    int size;
    private long bytes;

    EventChunk(long version, long commitTimestamp, boolean endOfVersion, long nextOrdinal, int capacity) {
        this.version = version;
        this.commitTimestamp = commitTimestamp;
        this.endOfVersion = endOfVersion;
        this.nextOrdinal = nextOrdinal;
        this.kinds = new ChangeKind[capacity];
        this.ordinals = new long[capacity];
        this.keys = new byte[capacity][];
        this.values = new byte[capacity][];
    }

    void add(ChangeKind kind, long ordinal, byte[] key, byte[] value) {
        kinds[size] = kind;
        ordinals[size] = ordinal;
        keys[size] = key;
        values[size] = value;
        size++;
        bytes += EVENT_OVERHEAD_BYTES + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
    }

    /** About what this chunk's events take on the heap. */
    long bytes() {
        return bytes;
    }
}
