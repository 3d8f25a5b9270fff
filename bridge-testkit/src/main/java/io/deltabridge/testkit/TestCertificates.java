package io.deltabridge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for 127.0.0.1 and localhost, made by the JDK's {@code keytool}
 * (no extra library): the server's key store, a trust store holding the certificate, and the same
 * certificate as a PEM file. Every store is PKCS12 with one password.
 *
 * @param keyStore   server key and certificate (PKCS12)
 * @param trustStore the certificate alone (PKCS12), for clients
 * @param pem        the certificate in PEM, for clients configured with {@code ssl.truststore.type=PEM}
 * @param password   the password of both stores and of the key
 */
public record TestCertificates(Path keyStore, Path trustStore, Path pem, String password) {
    private static final String ALIAS = "server";

    /** Generates the certificate and stores into {@code dir}. */
    public static TestCertificates generate(Path dir, String password) {
        TestCertificates c = new TestCertificates(
                dir.resolve("server.p12"), dir.resolve("trust.p12"), dir.resolve("server.pem"), password);
        keytool(
                "-genkeypair",
                "-alias",
                ALIAS,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore",
                c.keyStore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                password,
                "-keypass",
                password);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                ALIAS,
                "-keystore",
                c.keyStore.toString(),
                "-storepass",
                password,
                "-file",
                c.pem.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                ALIAS,
                "-file",
                c.pem.toString(),
                "-keystore",
                c.trustStore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                password);
        return c;
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
