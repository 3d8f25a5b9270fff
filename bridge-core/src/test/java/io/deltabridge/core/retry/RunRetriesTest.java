package io.deltabridge.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.ExitCode;
import io.deltabridge.core.error.RuntimeFailureException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunRetriesTest {
    private static Backoff exact() {
        return Backoff.withJitter(RunRetries.FIRST_DELAY, RunRetries.MAX_DELAY, base -> base);
    }

    @Test
    void onceMakesItsAttemptsThenEndsWithAnErrorThatCountsThem() {
        RunRetries retries = new RunRetries("m", true, 3, exact());
        assertEquals(Optional.of(Duration.ofSeconds(1)), retries.delayAfterTransientFailure());
        assertEquals(Optional.of(Duration.ofSeconds(2)), retries.delayAfterTransientFailure());
        assertEquals(Optional.empty(), retries.delayAfterTransientFailure());
        RuntimeException error = retries.exhausted(new IllegalStateException("broker gone"), "check the brokers");
        assertTrue(error instanceof RuntimeFailureException, error.toString());
        assertEquals(ExitCode.RUNTIME_FAILURE, ((RuntimeFailureException) error).exitCode());
        assertTrue(error.getMessage().contains("Mapping 'm' gave up after 3 attempts"), error.getMessage());
        assertTrue(error.getMessage().contains("broker gone"), error.getMessage());
    }

    @Test
    void continuousModeWaitsWithoutLimitUpToTheLongestDelay() {
        RunRetries retries = new RunRetries("m", false, 3, exact());
        Duration last = Duration.ZERO;
        for (int i = 0; i < 50; i++) {
            last = retries.delayAfterTransientFailure().orElseThrow();
        }
        assertEquals(RunRetries.MAX_DELAY, last);
    }

    @Test
    void progressStartsTheBudgetOver() {
        RunRetries retries = new RunRetries("m", true, 2, exact());
        assertTrue(retries.delayAfterTransientFailure().isPresent());
        retries.succeeded();
        assertEquals(Optional.of(Duration.ofSeconds(1)), retries.delayAfterTransientFailure());
        assertEquals(Optional.empty(), retries.delayAfterTransientFailure());
    }
}
