package io.deltabridge.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void recognisesTheSecretKeysOfTheSpec() {
        for (String key : List.of(
                "sasl.jaas.config",
                "basic-auth",
                "ssl.key.password",
                "ssl.keystore.password",
                "ssl.truststore.password",
                "client.secret",
                "sasl.oauthbearer.token.endpoint.url.token",
                "my.TOKEN",
                "Password",
                "basic.auth.user.info",
                "listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config",
                "fs.s3a.secret.key",
                "fs.azure.account.key.acc.dfs.core.windows.net",
                "ssl.keystore.key")) {
            assertTrue(Secrets.isSecret(key), key);
        }
        for (String key : List.of(
                "bootstrap.servers",
                "sasl.mechanism",
                "security.protocol",
                "url",
                "ssl.truststore.location",
                "fs.s3a.endpoint")) {
            assertFalse(Secrets.isSecret(key), key);
        }
    }

    @Test
    void redactKeepsOrderAndMasksSecrets() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", "k:9092");
        props.put("sasl.jaas.config", "x required password=\"p\";");
        props.put("ssl.key.password", "kp");
        assertEquals(
                List.of("bootstrap.servers", "sasl.jaas.config", "ssl.key.password"),
                List.copyOf(Secrets.redact(props).keySet()));
        assertEquals(
                Map.of("bootstrap.servers", "k:9092", "sasl.jaas.config", "****", "ssl.key.password", "****"),
                Secrets.redact(props));
    }

    @Test
    void recordsToStringNeverShowSecrets() {
        BridgeConfig config = ConfigLoader.load(ConfigLoaderTest.specExample(), "bridge.yaml", ConfigLoaderTest.ENV);
        String text = config.toString();
        assertFalse(text.contains("jaas-pw-123"), text);
        assertFalse(text.contains("sr-pw-456"), text);
        assertFalse(text.contains("registry-user"), text);
        assertTrue(text.contains("sasl.jaas.config=****"), text);
        assertTrue(text.contains("churn-scores-out"), text);
    }

    @Test
    void credentialsInTheRegistryUrlAreMasked() {
        assertEquals("https://****@registry:8081/apis", Secrets.redactUrl("https://user:pw-in-url@registry:8081/apis"));
        assertEquals("http://registry:8081", Secrets.redactUrl("http://registry:8081"));
        BridgeConfig config = ConfigLoader.load(
                "name: b\nkafka: {bootstrap.servers: k}\n"
                        + "schema-registry: {url: \"https://user:pw-in-url@registry:8081\"}\n"
                        + "mappings: [{name: m, from: {kafka: t}, to: {delta: /t}}]\n",
                "bridge.yaml",
                Map.of());
        assertFalse(config.toString().contains("pw-in-url"), config.toString());
        assertFalse(ConfigPrinter.render(config).contains("pw-in-url"), ConfigPrinter.render(config));
        InvalidConfigException e = assertThrows(
                InvalidConfigException.class,
                () -> ConfigLoader.load(
                        "name: b\nkafka: {bootstrap.servers: k}\nschema-registry: {url: \"ftp://u:pw-in-url@r\"}\n"
                                + "mappings: [{name: m, from: {kafka: t}, to: {delta: /t}}]\n",
                        "bridge.yaml",
                        Map.of()));
        assertEquals("expected an http or https URL, got `ftp://****@r`", e.reason());
    }

    @Test
    void scrubMasksSecretValuesQuotedInFreeText() {
        BridgeConfig config = ConfigLoader.load(ConfigLoaderTest.specExample(), "bridge.yaml", ConfigLoaderTest.ENV);
        String jaas = ConfigLoaderTest.ENV.get("KAFKA_JAAS");
        assertEquals("bad JAAS config: ****", Secrets.scrub("bad JAAS config: " + jaas, config));
        assertEquals("401 for ****", Secrets.scrub("401 for registry-user:sr-pw-456", config));
        assertEquals("password ****", Secrets.scrub("password sr-pw-456", config));
        assertEquals("nothing secret", Secrets.scrub("nothing secret", config));
    }

    @Test
    void secretsInClientRoleBlocksAreMaskedEverywhere() {
        BridgeConfig config = ConfigLoader.load("""
                name: b
                kafka: { bootstrap.servers: k }
                consumer: { ssl.keystore.password: consumer-pw-123 }
                mappings:
                  - name: m
                    from: { kafka: t }
                    to: { delta: /t }
                    producer: { sasl.jaas.config: 'x required password="producer-pw-456";' }
                """, "bridge.yaml", Map.of());
        String text = "a client said consumer-pw-123 and producer-pw-456";
        assertEquals("a client said **** and ****", Secrets.scrub(text, config));
        assertFalse(config.toString().contains("pw-"), config.toString());
        assertFalse(ConfigPrinter.render(config).contains("pw-"), ConfigPrinter.render(config));
    }
}
