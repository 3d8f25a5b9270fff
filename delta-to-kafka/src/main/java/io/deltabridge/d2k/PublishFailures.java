package io.deltabridge.d2k;

import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.kafka.KafkaAccessErrors;
import java.util.Optional;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

/** Turns Kafka's exceptions from a publishing run into problems that say what happened and what to do. */
final class PublishFailures {

    /**
     * Broker or network trouble that may pass, as opposed to a configuration, data or fencing problem:
     * a run that failed so starts over from fencing and the stored progress, publishing nothing twice.
     */
    static boolean isTransient(Throwable failure) {
        if (failure instanceof ConfigException || failure instanceof DataException) {
            return false;
        }
        boolean retriable = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return false; // a newer instance, or a transaction timeout: starting over would fence it back
            }
            retriable |= t instanceof RetriableException || (t instanceof BridgeException b && b.isRetriable());
        }
        return retriable;
    }

    private PublishFailures() {}

    /** A newer producer with the same transactional id took over (a fence seen as it is, not reported yet). */
    static boolean isFenced(RuntimeException e) {
        if (e instanceof BridgeException) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException fenced(RuntimeException e, DeltaToKafkaMapping mapping, String transactionalId) {
        return Problem.of(
                        "Mapping '%s' stopped: another instance took over its transactional id '%s'",
                        mapping.name(), transactionalId)
                .because("a newer producer with the same transactional.id fenced this one; its open"
                        + " transaction was aborted, so nothing was published twice")
                .fix("run one instance per mapping (the newer one continues from the stored progress)")
                .runtime(e);
    }

    static RuntimeException translate(RuntimeException e, DeltaToKafkaMapping mapping, String transactionalId) {
        if (e instanceof BridgeException) {
            return e;
        }
        if (isFenced(e)) {
            return fenced(e, mapping, transactionalId);
        }
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof TransactionalIdAuthorizationException) {
                return Problem.of("Mapping '%s' may not use the transactional id '%s'", mapping.name(), transactionalId)
                        .because("%s", cause.getMessage())
                        .fix(
                                "grant WRITE and DESCRIBE on the TransactionalId '%s' to the bridge's principal",
                                transactionalId)
                        .config(e);
            }
            cause = cause.getCause();
        }
        Optional<BridgeException> access = KafkaAccessErrors.find(e, "WRITE and DESCRIBE");
        if (access.isPresent()) {
            return access.get();
        }
        if (e instanceof KafkaException) {
            return Problem.of("Publishing mapping '%s' to topic '%s' failed", mapping.name(), mapping.topic())
                    .because("%s", e.getMessage())
                    .fix("check that the brokers are reachable and the topic exists; the open transaction is"
                            + " aborted and a new run resumes from the last committed version")
                    .runtime(e);
        }
        return e;
    }
}
