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
        assertTheSecondWaitsUntilTheFirstIsTaken(60, 60);
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
        assertTheSecondWaitsUntilTheFirstIsTaken(10, 500);
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

    private void assertTheSecondWaitsUntilTheFirstIsTaken(int first, int second) throws Exception {
        queue.put(new byte[first]);
        CompletableFuture<Void> put = putLater(new byte[second]);
        assertFalse(finishedSoon(put), first + " + " + second + " bytes do not fit in 100");
        assertEquals(first, queue.take().length);
        put.get(10, TimeUnit.SECONDS);
        assertEquals(second, queue.take().length);
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
