package io.deltabridge.core.registry;

import io.deltabridge.core.error.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
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
    static final String TRUSTSTORE_CERTIFICATES = "ssl.truststore.certificates";
    private static final String PEM = "PEM";
    static final String KEYSTORE_LOCATION = "ssl.keystore.location";
    static final String KEYSTORE_PASSWORD = "ssl.keystore.password";
    static final String KEYSTORE_TYPE = "ssl.keystore.type";
    static final String KEY_PASSWORD = "ssl.key.password";

    private RegistryTls() {}

    /** A context when the settings name a truststore or keystore; empty for the JVM default. */
    static Optional<SSLContext> context(Map<String, String> settings) {
        boolean trusts = settings.containsKey(TRUSTSTORE_LOCATION) || settings.containsKey(TRUSTSTORE_CERTIFICATES);
        String keystore = settings.get(KEYSTORE_LOCATION);
        if (!trusts && keystore == null) {
            return Optional.empty();
        }
        try {
            TrustManagerFactory trust = null;
            if (trusts) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trustStore(settings));
            }
            KeyManagerFactory keys = null;
            if (keystore != null) {
                String storePassword = settings.get(KEYSTORE_PASSWORD);
                String keyPassword = settings.getOrDefault(KEY_PASSWORD, storePassword);
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(
                        load(KEYSTORE_LOCATION, keystore, storePassword, settings.get(KEYSTORE_TYPE)),
                        keyPassword == null ? null : keyPassword.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return Optional.of(context);
        } catch (GeneralSecurityException e) {
            throw Problem.of("Cannot set up TLS for the schema registry")
                    .because("%s", e.getMessage())
                    .fix("check the schema-registry ssl.* settings (store types, passwords, key algorithms)")
                    .config(e);
        }
    }

    private static KeyStore trustStore(Map<String, String> settings) throws GeneralSecurityException {
        String inline = settings.get(TRUSTSTORE_CERTIFICATES);
        if (inline != null) {
            return pemStore(TRUSTSTORE_CERTIFICATES, "(inline)", inline.getBytes(StandardCharsets.US_ASCII));
        }
        String location = settings.get(TRUSTSTORE_LOCATION);
        String type = settings.get(TRUSTSTORE_TYPE);
        if (!PEM.equalsIgnoreCase(type)) {
            return load(TRUSTSTORE_LOCATION, location, settings.get(TRUSTSTORE_PASSWORD), type);
        }
        try {
            return pemStore(TRUSTSTORE_LOCATION, location, Files.readAllBytes(Path.of(location)));
        } catch (IOException e) {
            throw unreadable(TRUSTSTORE_LOCATION, location, PEM, e);
        }
    }

    /** An in-memory trust store holding the PEM certificates of {@code pem}. */
    private static KeyStore pemStore(String setting, String location, byte[] pem) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates =
                CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
        if (certificates.isEmpty()) {
            throw Problem.of("The schema registry's %s '%s' holds no certificate", setting, location)
                    .fix("give one or more -----BEGIN CERTIFICATE----- blocks")
                    .config();
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
        int n = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("pem-" + n++, certificate);
        }
        return store;
    }

    private static KeyStore load(String setting, String location, String password, String type)
            throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type == null ? KeyStore.getDefaultType() : type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (IOException e) {
            throw unreadable(setting, location, type == null ? KeyStore.getDefaultType() : type, e);
        }
    }

    private static RuntimeException unreadable(String setting, String location, String type, IOException e) {
        return Problem.of("Cannot read the schema registry's %s '%s'", setting, location)
                .because("%s", e.getMessage())
                .fix("check that the file exists, is a %s store and that its password is right", type)
                .config(e);
    }
}
