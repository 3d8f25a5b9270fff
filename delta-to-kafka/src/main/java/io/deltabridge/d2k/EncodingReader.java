package io.deltabridge.d2k;

import io.delta.kernel.utils.CloseableIterator;
import io.deltabridge.d2k.changefeed.ChangeBatch;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;

/**
 * Reads and encodes change batches on a thread of its own into a queue of {@link EventChunk}s, so that Parquet
 * decoding and encoding overlap producing (and the producer's compression) while the events waiting stay within
 * {@code prefetchBytes} (one chunk, however large, always goes through).
 */
final class EncodingReader implements EventChunks {
    private static final Object END = new Object();

    private final ByteBoundedQueue<Object> queue;
    private final Thread thread;
    private volatile boolean closed;
    private Object next;

    EncodingReader(
            CloseableIterator<ChangeBatch> batches, EventEncoder encoder, long prefetchBytes, String threadName) {
        this.queue = new ByteBoundedQueue<>(prefetchBytes, item -> item instanceof EventChunk c ? c.bytes() : 0);
        this.thread = new Thread(() -> readAll(batches, encoder), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void readAll(CloseableIterator<ChangeBatch> batches, EventEncoder encoder) {
        Object last = END;
        try (batches;
                encoder) {
            while (!closed && batches.hasNext()) {
                queue.put(encoder.encode(batches.next()));
            }
        } catch (InterruptedException e) {
            return; // closed
        } catch (Exception | Error e) {
            last = e;
        }
        try {
            queue.put(last);
        } catch (InterruptedException e) {
            // closed while handing over the end: nobody waits for it
        }
    }

    @Override
    public boolean awaitNext(Duration timeout) {
        if (next == null) {
            try {
                next = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for change rows", e);
            }
        }
        return next != null;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for change rows", e);
            }
        }
        if (next instanceof RuntimeException e) {
            throw e;
        }
        if (next instanceof Error e) {
            throw e;
        }
        if (next instanceof Exception e) {
            throw new IllegalStateException(e);
        }
        return next != END;
    }

    @Override
    public EventChunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        EventChunk chunk = (EventChunk) next;
        next = null;
        return chunk;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        queue.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
