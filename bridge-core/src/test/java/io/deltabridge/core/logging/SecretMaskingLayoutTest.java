package io.deltabridge.core.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.deltabridge.core.config.ConfigLoader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Any log line, whoever wrote it, loses the secrets of a loaded configuration. */
class SecretMaskingLayoutTest {
    private static final String JAAS_PASSWORD = "jaas-Pw-3b1d";
    private static final String URL_PASSWORD = "url-Pw-9e0f";
    private static final String TRUST_PASSWORD = "trust-Pw-55aa";
    private static final String CLIENT_SECRET = "client-Secret-0d0d";

    @Test
    void masksEverySecretInMessagesAndStackTraces() {
        ConfigLoader.load(
                """
                name: masked
                kafka:
                  bootstrap.servers: localhost:9092
                  sasl.jaas.config: ${JAAS}
                  ssl.truststore.password: ${TRUST}
                schema-registry:
                  url: https://sr-user:${URL_PW}@registry:8081
                mappings:
                  - name: out
                    from: { delta: /tmp/t }
                    to: { kafka: t }
                    key: [id]
                """,
                "masked.yaml",
                Map.of(
                        "JAAS",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\""
                                + JAAS_PASSWORD + "\" clientSecret=\"" + CLIENT_SECRET + "\";",
                        "TRUST",
                        TRUST_PASSWORD,
                        "URL_PW",
                        URL_PASSWORD));
        SecretMaskingLayout layout = new SecretMaskingLayout();
        layout.setContext(new LoggerContext());
        layout.setPattern("%level %msg%n");
        layout.start();
        String basicAuth =
                Base64.getEncoder().encodeToString(("sr-user:" + URL_PASSWORD).getBytes(StandardCharsets.UTF_8));
        LoggingEvent event = new LoggingEvent(
                "test",
                new LoggerContext().getLogger("test"),
                Level.INFO,
                "password {} in text, client secret {}, trust store {}, url https://sr-user:" + URL_PASSWORD
                        + "@registry, header Basic {}",
                new IllegalStateException("rejected " + TRUST_PASSWORD),
                new Object[] {JAAS_PASSWORD, CLIENT_SECRET, TRUST_PASSWORD, basicAuth});

        String line = layout.doLayout(event);

        // the same event through logback's own layout shows what would leak
        PatternLayout plain = new PatternLayout();
        plain.setContext(layout.getContext());
        plain.setPattern("%level %msg%n");
        plain.start();
        String unmasked = plain.doLayout(event);
        assertTrue(
                unmasked.contains(JAAS_PASSWORD)
                        && unmasked.contains(URL_PASSWORD)
                        && unmasked.contains(TRUST_PASSWORD),
                unmasked);

        assertTrue(line.contains("IllegalStateException: rejected ****"), line);
        assertTrue(line.contains("https://****@registry"), line);
        for (String secret : List.of(JAAS_PASSWORD, CLIENT_SECRET, URL_PASSWORD, TRUST_PASSWORD, basicAuth)) {
            assertFalse(line.contains(secret), line);
        }
    }
}
