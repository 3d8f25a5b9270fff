package io.deltabridge.core.kafka;

import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.MappingConfig;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

/**
 * Kafka refusing the bridge's credentials or rights, as problems that name the cause and the setting
 * or ACL to fix. Retrying cannot help with either, so none of them is retriable: a failed
 * authentication is a runtime failure (exit 1), a missing ACL a configuration error (exit 2).
 * Kafka's own messages never contain a password, so they are quoted.
 */
public final class KafkaAccessErrors {
    private static final String PRINCIPAL = "the bridge's principal (the user in kafka 'sasl.jaas.config')";

    private KafkaAccessErrors() {}

    /** {@code error} itself, or the access problem its causes show; {@code mapping} tells which rights it needs. */
    public static RuntimeException translate(RuntimeException error, MappingConfig mapping) {
        return find(error, topicOperations(mapping))
                .map(RuntimeException.class::cast)
                .orElse(error);
    }

    /**
     * The access problem in {@code error}'s cause chain, if any.
     *
     * @param topicOperations the ACL operations the failed call needs on its topics, e.g. "WRITE and DESCRIBE"
     */
    public static Optional<BridgeException> find(Throwable error, String topicOperations) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SslAuthenticationException) {
                return Optional.of(Problem.of("Could not set up TLS with the Kafka brokers")
                        .because("%s", cause.getMessage())
                        .fix("check that kafka 'ssl.truststore.location' (with '.type' and '.password') trusts the"
                                + " brokers' certificate and that 'bootstrap.servers' names a host it is valid for")
                        .runtime(error));
            }
            if (cause instanceof AuthenticationException) {
                return Optional.of(Problem.of("Kafka refused the bridge's credentials")
                        .because("%s", cause.getMessage())
                        .fix("check the user name and password in kafka 'sasl.jaas.config', and that 'sasl.mechanism'"
                                + " is enabled on the brokers and the user exists for it")
                        .runtime(error));
            }
            if (cause instanceof AuthorizationException denied) {
                return Optional.of(authorization(denied, topicOperations).config(error));
            }
        }
        return Optional.empty();
    }

    /** The topic ACL operations a mapping needs, for the fix of a refused topic. */
    static String topicOperations(MappingConfig mapping) {
        return mapping instanceof DeltaToKafkaMapping
                ? "WRITE and DESCRIBE (and READ on the progress topic)"
                : "READ and DESCRIBE (and WRITE on the dead-letter topic)";
    }

    private static Problem authorization(AuthorizationException denied, String topicOperations) {
        if (denied instanceof TopicAuthorizationException topics) {
            String names = String.join(", ", new TreeSet<>(topics.unauthorizedTopics()));
            return Problem.of("The bridge is not authorized to access topic %s", names.isEmpty() ? "(unnamed)" : names)
                    .because("%s", denied.getMessage())
                    .fix(
                            "grant %s %s on topic %s, e.g. kafka-acls.sh --add --allow-principal User:<user>"
                                    + " --operation <operation> --topic <topic>",
                            PRINCIPAL, topicOperations, names);
        }
        if (denied instanceof GroupAuthorizationException group) {
            return Problem.of("The bridge is not authorized to use the consumer group '%s'", group.groupId())
                    .because("%s", denied.getMessage())
                    .fix(
                            "grant %s READ and DESCRIBE on group '%s', e.g. kafka-acls.sh --add --allow-principal User:<user>"
                                    + " --operation READ --group %s",
                            PRINCIPAL, group.groupId(), group.groupId());
        }
        if (denied instanceof TransactionalIdAuthorizationException) {
            return Problem.of("The bridge is not authorized to use its transactional id")
                    .because("%s", denied.getMessage())
                    .fix(
                            "grant %s WRITE and DESCRIBE on the TransactionalId '<bridge name>.<mapping name>' (or a prefix"
                                    + " of it)",
                            PRINCIPAL);
        }
        if (denied instanceof ClusterAuthorizationException) {
            return Problem.of("The bridge is not authorized for an operation on the Kafka cluster")
                    .because("%s", denied.getMessage())
                    .fix(
                            "grant %s the cluster operation the cause names (IDEMPOTENT_WRITE for producing, CREATE"
                                    + " for creating topics), or create the topics beforehand",
                            PRINCIPAL);
        }
        return Problem.of("The bridge is not authorized for a Kafka operation")
                .because("%s", denied.getMessage())
                .fix("grant %s the ACL the cause names", PRINCIPAL);
    }
}
