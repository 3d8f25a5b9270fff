package io.deltabridge.k2d;

import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.retry.Backoff;
import java.time.Duration;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Whether a failed run of one mapping is tried again, and after how long. Transient failures (a
 * broker outage longer than the clients' timeouts, a table location briefly unwritable) are retried
 * with jittered backoff capped at {@link #MAX_DELAY}: without limit in continuous mode, where the
 * bridge waits for its brokers, {@link #ONCE_ATTEMPTS} attempts in all for {@code --once}. Anything
 * else (bad data, configuration, authentication, an Error) ends the run at once.
 */
final class RunRetries {
    static final int ONCE_ATTEMPTS = 3;
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final String mappingName;
    private final boolean once;
    private final Backoff backoff = Backoff.exponential(FIRST_DELAY, MAX_DELAY);

    RunRetries(String mappingName, boolean once) {
        this.mappingName = mappingName;
        this.once = once;
    }

    /** A run that committed something starts the backoff over: the next outage is a new one. */
    void progressed() {
        backoff.reset();
    }

    /**
     * The delay before trying {@code failure} again, or throws the failure to report: as it is, or,
     * for a transient failure {@code --once} could not get past, one naming the attempts made.
     */
    Duration delayOrThrow(RuntimeException failure) {
        if (!retriable(failure)) {
            throw reportable(failure);
        }
        if (once && backoff.attempts() + 1 >= ONCE_ATTEMPTS) {
            throw Problem.of("Mapping '%s' gave up after %d attempts", mappingName, backoff.attempts() + 1)
                    .because("%s", reportable(failure).getMessage())
                    .fix("check that the brokers in 'kafka.bootstrap.servers' and the table location are reachable, then run again; "
                            + "without --once the bridge waits for them")
                    .runtime(failure);
        }
        return backoff.next();
    }

    /** Transient by type: Kafka's retriable errors and the bridge's own retriable failures, wherever in the cause chain. */
    static boolean retriable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BridgeException be) {
                return be.isRetriable();
            }
            if (t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    /** A failure as users see it: the bridge's own as it is, a Kafka one with what to check. */
    private RuntimeException reportable(RuntimeException failure) {
        if (failure instanceof KafkaException) {
            return failure.getCause() instanceof BridgeException be ? be
                    : Problem.of("Kafka failed for mapping '%s'", mappingName).because("%s", failure.getMessage())
                            .fix("check that the brokers in 'kafka.bootstrap.servers' are reachable and the bridge is authorised")
                            .runtime(failure);
        }
        return failure;
    }
}
