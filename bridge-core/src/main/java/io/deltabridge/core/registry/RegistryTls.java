package io.deltabridge.core.registry;

import io.deltabridge.core.error.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context for an {@code https} registry, from the same settings names as Kafka clients use:
 * {@code ssl.truststore.location/password/type}, {@code ssl.keystore.location/password/type} and
 * {@code ssl.key.password}. Without a truststore the JVM's default trust applies.
 */
final class RegistryTls {
    static final String TRUSTSTORE_LOCATION = "ssl.truststore.location";
    static final String TRUSTSTORE_PASSWORD = "ssl.truststore.password";
    static final String TRUSTSTORE_TYPE = "ssl.truststore.type";
    static final String KEYSTORE_LOCATION = "ssl.keystore.location";
    static final String KEYSTORE_PASSWORD = "ssl.keystore.password";
    static final String KEYSTORE_TYPE = "ssl.keystore.type";
    static final String KEY_PASSWORD = "ssl.key.password";

    private RegistryTls() {}

    /** A context when the settings name a truststore or keystore; empty for the JVM default. */
    static Optional<SSLContext> context(Map<String, String> settings) {
        String truststore = settings.get(TRUSTSTORE_LOCATION);
        String keystore = settings.get(KEYSTORE_LOCATION);
        if (truststore == null && keystore == null) {
            return Optional.empty();
        }
        try {
            TrustManagerFactory trust = null;
            if (truststore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(TRUSTSTORE_LOCATION, truststore, settings.get(TRUSTSTORE_PASSWORD), settings.get(TRUSTSTORE_TYPE)));
            }
            KeyManagerFactory keys = null;
            if (keystore != null) {
                String storePassword = settings.get(KEYSTORE_PASSWORD);
                String keyPassword = settings.getOrDefault(KEY_PASSWORD, storePassword);
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(KEYSTORE_LOCATION, keystore, storePassword, settings.get(KEYSTORE_TYPE)),
                    keyPassword == null ? null : keyPassword.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return Optional.of(context);
        } catch (GeneralSecurityException e) {
            throw Problem.of("Cannot set up TLS for the schema registry")
                .because("%s", e.getMessage())
                .fix("check the schema-registry ssl.* settings (store types, passwords, key algorithms)")
                .config(e);
        }
    }

    private static KeyStore load(String setting, String location, String password, String type) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type == null ? KeyStore.getDefaultType() : type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (IOException e) {
            throw Problem.of("Cannot read the schema registry's %s '%s'", setting, location)
                .because("%s", e.getMessage())
                .fix("check that the file exists, is a %s store and that its password is right",
                    type == null ? KeyStore.getDefaultType() : type)
                .config(e);
        }
    }
}
