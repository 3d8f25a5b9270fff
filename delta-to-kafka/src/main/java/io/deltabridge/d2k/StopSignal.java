package io.deltabridge.d2k;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A one-way stop request from any thread, seen by the run loop between polls and between chunks. */
final class StopSignal {
    private final CountDownLatch requested = new CountDownLatch(1);

    void request() {
        requested.countDown();
    }

    boolean requested() {
        return requested.getCount() == 0;
    }

    /** Waits up to {@code pollInterval}; true when a stop was requested (or the thread interrupted). */
    boolean await(Duration pollInterval) {
        try {
            return requested.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
