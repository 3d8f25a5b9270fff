package io.deltabridge.core.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.RuntimeFailureException;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class KafkaAccessErrorsTest {
    @Test
    void aRefusedLoginIsARuntimeFailureNamingTheJaasSetting() {
        BridgeException e = KafkaAccessErrors.find(
                        new KafkaException(
                                "wrapped",
                                new SaslAuthenticationException("Authentication failed: Invalid username or password")),
                        "WRITE")
                .orElseThrow();
        assertInstanceOf(RuntimeFailureException.class, e);
        assertTrue(
                e.getMessage().contains("Authentication failed")
                        && e.getMessage().contains("sasl.jaas.config"),
                e.getMessage());
    }

    @Test
    void aTlsFailureNamesTheTrustStore() {
        BridgeException e = KafkaAccessErrors.find(new SslAuthenticationException("PKIX path building failed"), "WRITE")
                .orElseThrow();
        assertTrue(e.getMessage().contains("ssl.truststore.location"), e.getMessage());
    }

    @Test
    void aRefusedTopicIsAConfigErrorNamingTopicAndOperations() {
        BridgeException e = KafkaAccessErrors.find(
                        new TopicAuthorizationException(Set.of("orders", "b-topic")), "WRITE and DESCRIBE")
                .orElseThrow();
        assertInstanceOf(ConfigException.class, e);
        assertTrue(e.getMessage().contains("topic b-topic, orders"), e.getMessage());
        assertTrue(e.getMessage().contains("WRITE and DESCRIBE on topic b-topic, orders"), e.getMessage());
    }

    @Test
    void aRefusedGroupNamesTheGroupAndRead() {
        BridgeException e = KafkaAccessErrors.find(
                        new GroupAuthorizationException("denied", "bridge.orders-in"), "READ")
                .orElseThrow();
        assertTrue(
                e.getMessage().contains("'bridge.orders-in'") && e.getMessage().contains("READ and DESCRIBE on group"),
                e.getMessage());
    }

    @Test
    void otherFailuresAreLeftAlone() {
        assertEquals(Optional.empty(), KafkaAccessErrors.find(new TimeoutException("slow"), "READ"));
        RuntimeException other = new IllegalStateException("x");
        assertSame(other, KafkaAccessErrors.translate(other, null));
    }
}
