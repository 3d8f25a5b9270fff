package io.deltabridge.embedded;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * An optional SASL_SSL listener for {@link EmbeddedKafkaBroker}, beside its PLAINTEXT one: TLS with the
 * server certificate in {@code keyStore} (PKCS12) and SASL mechanisms SCRAM-SHA-512 and PLAIN.
 * SCRAM users are added at run time ({@link EmbeddedKafkaBroker#createScramUser}); PLAIN users are
 * fixed here. With {@code authorizer}, KRaft's StandardAuthorizer enforces ACLs on every listener;
 * the PLAINTEXT and controller listeners' principal {@code User:ANONYMOUS} is the super user, so the
 * broker's own admin client keeps full rights.
 *
 * @param keyStore         PKCS12 store with the server's key and certificate (valid for 127.0.0.1)
 * @param keyStorePassword the store's and the key's password
 * @param plainUsers       SASL/PLAIN user name → password
 * @param authorizer       whether ACLs are enforced
 */
public record SaslSslListener(
        Path keyStore, String keyStorePassword, Map<String, String> plainUsers, boolean authorizer) {
    static final String NAME = "SASL_SSL";
    static final String SUPER_USER = "User:ANONYMOUS";

    public SaslSslListener {
        plainUsers = Map.copyOf(plainUsers);
    }

    /** The broker properties that configure this listener (the listener lists themselves are the broker's). */
    Properties serverProperties() {
        String prefix = "listener.name." + NAME.toLowerCase(Locale.ROOT) + ".";
        Properties p = new Properties();
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512,PLAIN");
        p.put(prefix + "ssl.keystore.location", keyStore.toString());
        p.put(prefix + "ssl.keystore.password", keyStorePassword);
        p.put(prefix + "ssl.key.password", keyStorePassword);
        p.put(prefix + "ssl.keystore.type", "PKCS12");
        p.put(
                prefix + "scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put(
                prefix + "plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + plainUsers.entrySet().stream()
                                .map(u -> "user_" + u.getKey() + "=\"" + u.getValue() + "\"")
                                .collect(Collectors.joining(" "))
                        + ";");
        if (authorizer) {
            p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            p.put("super.users", SUPER_USER);
        }
        return p;
    }
}
