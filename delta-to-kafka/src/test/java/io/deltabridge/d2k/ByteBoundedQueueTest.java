package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ByteBoundedQueueTest {
    private final ByteBoundedQueue<byte[]> queue = new ByteBoundedQueue<>(100, item -> item.length);

    @Test
    void anItemThatWouldGoOverTheCapacityWaitsUntilEnoughIsTaken() throws Exception {
        queue.put(new byte[60]);
        CompletableFuture<Void> second = putLater(new byte[60]);
        assertFalse(finishedSoon(second), "60 + 60 bytes do not fit in 100");
        assertEquals(60, queue.take().length);
        second.get(10, TimeUnit.SECONDS);
        assertEquals(60, queue.take().length);
    }

    @Test
    void itemsThatFitGoInWithoutWaiting() throws Exception {
        queue.put(new byte[40]);
        queue.put(new byte[60]);
        assertEquals(40, queue.take().length);
        assertEquals(60, queue.take().length);
    }

    @Test
    void anItemLargerThanTheCapacityGoesThroughAloneOnceTheQueueIsEmpty() throws Exception {
        queue.put(new byte[10]);
        CompletableFuture<Void> large = putLater(new byte[500]);
        assertFalse(finishedSoon(large), "it waits for the queue to empty");
        assertEquals(10, queue.take().length);
        large.get(10, TimeUnit.SECONDS);
        assertEquals(500, queue.take().length);
    }

    @Test
    void pollGivesUpAfterItsTimeoutAndClearFreesTheCapacity() throws Exception {
        assertNull(queue.poll(20, TimeUnit.MILLISECONDS));
        queue.put(new byte[90]);
        CompletableFuture<Void> next = putLater(new byte[90]);
        assertFalse(finishedSoon(next));
        queue.clear();
        next.get(10, TimeUnit.SECONDS);
        assertEquals(90, queue.poll(1, TimeUnit.SECONDS).length);
        assertNull(queue.poll(0, TimeUnit.MILLISECONDS));
    }

    private CompletableFuture<Void> putLater(byte[] item) {
        return CompletableFuture.runAsync(() -> {
            try {
                queue.put(item);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** True when {@code put} finished within 200 ms (false: it is waiting, as it should when full). */
    private static boolean finishedSoon(CompletableFuture<Void> put) throws Exception {
        try {
            put.get(200, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillWaiting) {
            return false;
        }
    }
}
