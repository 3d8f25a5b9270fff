package io.deltabridge.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheCap() {
        Backoff backoff = Backoff.withJitter(Duration.ofMillis(100), Duration.ofMillis(1000), base -> base);
        long[] delays = new long[6];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = backoff.next().toMillis();
        }
        assertEquals("[100, 200, 400, 800, 1000, 1000]", java.util.Arrays.toString(delays));
        assertEquals(6, backoff.attempts());
    }

    @Test
    void resetStartsAgain() {
        Backoff backoff = Backoff.withJitter(Duration.ofMillis(50), Duration.ofSeconds(5), base -> base);
        backoff.next();
        backoff.next();
        backoff.reset();
        assertEquals(0, backoff.attempts());
        assertEquals(50, backoff.next().toMillis());
    }

    @Test
    void jitterStaysWithinHalfToFullBase() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(200), Duration.ofMillis(200));
        for (int i = 0; i < 1000; i++) {
            long delay = backoff.next().toMillis();
            assertTrue(delay >= 100 && delay <= 200, "delay " + delay);
        }
    }

    @Test
    void neverOverflowsAfterManyAttempts() {
        Backoff backoff = Backoff.withJitter(Duration.ofMillis(1), Duration.ofMinutes(1), base -> base);
        for (int i = 0; i < 100; i++) {
            backoff.next();
        }
        assertEquals(60_000, backoff.next().toMillis());
    }

    @Test
    void rejectsAnInvertedRange() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
