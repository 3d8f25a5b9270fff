package io.deltabridge.core.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with jitter, capped, for one retry loop: the n-th {@link #next()} is a
 * random delay in [base/2, base] where base = min(initial · 2ⁿ, max). Jitter keeps several
 * instances that lost the broker at the same moment from coming back in lock step.
 * {@link #reset()} after a success. Not thread-safe: one instance per loop.
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final LongUnaryOperator jitter;
    private int attempts;

    private Backoff(long initialMillis, long maxMillis, LongUnaryOperator jitter) {
        if (initialMillis <= 0 || maxMillis < initialMillis) {
            throw new IllegalArgumentException(
                    "backoff needs 0 < initial <= max, got " + initialMillis + " ms and " + maxMillis + " ms");
        }
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.jitter = jitter;
    }

    /** A backoff from {@code initial} doubling up to {@code max}, jittered. */
    public static Backoff exponential(Duration initial, Duration max) {
        return new Backoff(
                initial.toMillis(),
                max.toMillis(),
                base -> base - ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    /** The same without randomness, for tests that check the sequence. */
    static Backoff withJitter(Duration initial, Duration max, LongUnaryOperator jitter) {
        return new Backoff(initial.toMillis(), max.toMillis(), Objects.requireNonNull(jitter));
    }

    /** The delay before the next attempt; counts the attempt. */
    public Duration next() {
        int shift = Math.min(attempts, 30);
        long base = Math.min(maxMillis, initialMillis << shift);
        if (base < 0) {
            base = maxMillis;
        }
        attempts++;
        return Duration.ofMillis(jitter.applyAsLong(base));
    }

    /** Sleeps {@link #next()}. */
    public void sleep() throws InterruptedException {
        Thread.sleep(next().toMillis());
    }

    /** Attempts counted since the last {@link #reset()}. */
    public int attempts() {
        return attempts;
    }

    /** Starts again from the initial delay (call after a success). */
    public void reset() {
        attempts = 0;
    }
}
