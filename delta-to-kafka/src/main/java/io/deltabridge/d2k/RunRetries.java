package io.deltabridge.d2k;

import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.retry.Backoff;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Whether a failed run of a mapping starts again, and when: a broker that cannot be reached (or
 * answers "not now") is waited out with jittered capped backoff, forever in continuous mode and
 * for {@link #ONCE_RETRIES} retries with {@code --once}; anything else ends the run. A retried run
 * starts over from fencing and the stored progress, so it publishes nothing twice.
 */
final class RunRetries {
    /** Retries of a --once run: with the backoff below about a minute of waiting in all. */
    static final int ONCE_RETRIES = 5;
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final String mapping;
    private final boolean continuously;
    private final Backoff backoff = Backoff.exponential(FIRST_DELAY, MAX_DELAY);
    private long failingSinceNanos;

    RunRetries(String mapping, boolean continuously) {
        this.mapping = mapping;
        this.continuously = continuously;
    }

    /** The run moved on: the next outage starts with a short delay again. */
    void succeeded() {
        backoff.reset();
    }

    /** How long to wait before starting over after {@code failure}; empty when the run must end. */
    Optional<Duration> delayAfter(RuntimeException failure) {
        if (!isTransient(failure) || (!continuously && backoff.attempts() >= ONCE_RETRIES)) {
            return Optional.empty();
        }
        if (backoff.attempts() == 0) {
            failingSinceNanos = System.nanoTime();
        }
        return Optional.of(backoff.next());
    }

    /**
     * The error that ends the run: {@code failure} itself, or, when retries ran out on a
     * transient one, a message that says so.
     */
    RuntimeException finalError(RuntimeException failure) {
        if (!isTransient(failure) || backoff.attempts() == 0) {
            return failure;
        }
        String cause = failure instanceof BridgeException b
                ? b.problem() + (b.reason() == null ? "" : ": " + b.reason())
                : String.valueOf(failure.getMessage());
        return Problem.of("Mapping '%s' gave up after %d retries in %ss", mapping, backoff.attempts(),
                        Duration.ofNanos(System.nanoTime() - failingSinceNanos).toSeconds())
                .because("%s", cause)
                .fix("check that the brokers are up and reachable; the next run resumes from the last commit"
                        + " (run without --once to wait for them indefinitely)")
                .runtime(failure);
    }

    /** Broker or network trouble that may pass, as opposed to a configuration, data or fencing problem. */
    static boolean isTransient(Throwable failure) {
        if (failure instanceof ConfigException || failure instanceof DataException) {
            return false;
        }
        boolean retriable = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return false; // a newer instance, or a transaction timeout: starting over would fence it back
            }
            retriable |= t instanceof RetriableException
                    || (t instanceof BridgeException b && b.isRetriable());
        }
        return retriable;
    }
}
