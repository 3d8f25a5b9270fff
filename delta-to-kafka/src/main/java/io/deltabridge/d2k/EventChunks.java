package io.deltabridge.d2k;

import io.delta.kernel.utils.CloseableIterator;
import java.time.Duration;

/** Encoded events as they are read; the publisher can wait for the next chunk with a time limit. */
interface EventChunks extends CloseableIterator<EventChunk> {

    /**
     * Waits up to {@code timeout} for the next chunk (or the end) to be ready; true when
     * {@link #hasNext()} will not block.
     */
    boolean awaitNext(Duration timeout);
}
