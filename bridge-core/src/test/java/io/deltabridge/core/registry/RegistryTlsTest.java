package io.deltabridge.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTlsTest {
    /** The JDK's own CA store: a real truststore that every JDK has. */
    private static final String CACERTS = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts")
            .toString();

    @Test
    void usesTheJvmDefaultWithoutStores() {
        assertTrue(RegistryTls.context(Map.of()).isEmpty());
    }

    @Test
    void loadsATruststore() {
        assertTrue(RegistryTls.context(
                        Map.of(RegistryTls.TRUSTSTORE_LOCATION, CACERTS, RegistryTls.TRUSTSTORE_PASSWORD, "changeit"))
                .isPresent());
    }

    @Test
    void loadsPemCertificatesFromAFileOrInline(@TempDir Path dir) throws Exception {
        String pem = pem(CACERTS, "changeit");
        Path file = Files.writeString(dir.resolve("ca.pem"), pem);
        assertTrue(RegistryTls.context(
                        Map.of(RegistryTls.TRUSTSTORE_LOCATION, file.toString(), RegistryTls.TRUSTSTORE_TYPE, "PEM"))
                .isPresent());
        assertTrue(RegistryTls.context(Map.of(RegistryTls.TRUSTSTORE_CERTIFICATES, pem))
                .isPresent());
        ConfigException empty = assertThrows(
                ConfigException.class,
                () -> RegistryTls.context(Map.of(
                        RegistryTls.TRUSTSTORE_LOCATION,
                        Files.writeString(dir.resolve("empty.pem"), "").toString(),
                        RegistryTls.TRUSTSTORE_TYPE,
                        "PEM")));
        assertTrue(empty.getMessage().contains("holds no certificate"), empty.getMessage());
    }

    @Test
    void explainsAWrongPasswordWithoutShowingIt() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> RegistryTls.context(Map.of(
                        RegistryTls.TRUSTSTORE_LOCATION,
                        CACERTS,
                        RegistryTls.TRUSTSTORE_PASSWORD,
                        "not-the-password-42")));
        assertTrue(
                e.getMessage().contains(CACERTS) && e.getMessage().contains("ssl.truststore.location"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password-42"), e.getMessage());
    }

    @Test
    void explainsAMissingStore() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> RegistryTls.context(Map.of(
                        RegistryTls.KEYSTORE_LOCATION, "/no/such/keystore.p12", RegistryTls.KEYSTORE_PASSWORD, "pw")));
        assertTrue(e.getMessage().contains("/no/such/keystore.p12"), e.getMessage());
    }

    /** Two certificates of a key store in PEM, as a CA bundle holds them. */
    private static String pem(String keyStore, String password) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try (var in = Files.newInputStream(Path.of(keyStore))) {
            store.load(in, password.toCharArray());
        }
        StringBuilder out = new StringBuilder();
        for (String alias : Collections.list(store.aliases()).subList(0, 2)) {
            out.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(store.getCertificate(alias).getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return out.toString();
    }

    @Test
    void urlsMustBeHttpWithAHost() {
        RegistryUrls.check("https://registry:8081");
        for (String bad : java.util.List.of("registry:8081", "ftp://registry", "http://", "not a url")) {
            assertThrows(ConfigException.class, () -> RegistryUrls.check(bad), bad);
        }
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryUrls.check("ftp://me:pw-77@registry"));
        assertFalse(e.getMessage().contains("pw-77"), e.getMessage());
        assertEquals(java.util.Optional.of("me:pw 1"), RegistryUrls.userInfo("https://me:pw%201@registry"));
    }

    @Test
    void urlsLoseTheirCredentials() {
        assertEquals("https://registry:8081/x", RegistryUrls.withoutUserInfo("https://user:secret@registry:8081/x"));
        assertEquals(
                "http://127.0.0.1:1/apis/ccompat/v7",
                RegistryUrls.withoutUserInfo("http://127.0.0.1:1/apis/ccompat/v7"));
    }
}
