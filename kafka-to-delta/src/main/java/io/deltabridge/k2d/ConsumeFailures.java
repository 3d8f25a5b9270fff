package io.deltabridge.k2d;

import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * What a failed kafka → delta run was: transient (a broker outage longer than the clients'
 * timeouts, a table location briefly unwritable; the run starts again from the table's offsets) or
 * not (bad data, configuration, authentication, an Error), and how it reads for users.
 */
final class ConsumeFailures {
    /** Attempts of a --once run in all before it gives up on a transient failure. */
    static final int ONCE_ATTEMPTS = 3;

    private ConsumeFailures() {}

    /** Transient by type: Kafka's retriable errors and the bridge's own retriable failures, wherever in the cause chain. */
    static boolean isTransient(Throwable failure) {
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
    static RuntimeException reportable(String mapping, RuntimeException failure) {
        if (failure instanceof KafkaException) {
            return failure.getCause() instanceof BridgeException be
                    ? be
                    : Problem.of("Kafka failed for mapping '%s'", mapping)
                            .because("%s", failure.getMessage())
                            .fix(
                                    "check that the brokers in 'kafka.bootstrap.servers' are reachable and the bridge is authorised")
                            .runtime(failure);
        }
        return failure;
    }
}
