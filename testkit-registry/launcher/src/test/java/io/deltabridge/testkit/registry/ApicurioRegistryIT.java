package io.deltabridge.testkit.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ApicurioRegistryIT {

    @Test
    void servesTheConfluentApiOnLoopbackAndStopsOnClose() throws IOException {
        ApicurioRegistry registry = ApicurioRegistry.start();
        String url;
        try {
            url = registry.confluentUrl();
            assertTrue(url.startsWith("http://127.0.0.1:"), url);
            assertTrue(url.endsWith("/apis/ccompat/v7"), url);

            String registered = post(url + "/subjects/launcher-value/versions", "{\"schema\":\"\\\"string\\\"\"}");
            assertTrue(registered.matches("\\{\"id\":\\d+}"), registered);
            assertEquals(200, status(url + "/subjects/launcher-value/versions/latest"));
        } finally {
            registry.close();
        }
        assertFalse(registry.isRunning());
        assertThrows(ConnectException.class, () -> status(url + "/subjects"));
    }

    @Test
    void theRegistryEndsWhenItsParentJvmIsKilled() throws IOException, InterruptedException {
        String classpath = System.getProperty("java.class.path");
        Process parent = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classpath,
                        RegistryInKilledJvm.class.getName())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
            long pid = -1;
            for (String line; pid < 0 && (line = out.readLine()) != null; ) {
                if (line.startsWith("registry-pid=")) {
                    pid = Long.parseLong(line.substring("registry-pid=".length()));
                }
            }
            assertTrue(pid > 0, "the parent JVM started a registry");
            ProcessHandle registry = ProcessHandle.of(pid).orElseThrow();
            parent.destroyForcibly(); // SIGKILL: no shutdown hooks run in the parent
            assertTrue(
                    registry.onExit()
                                    .completeOnTimeout(null, 60, TimeUnit.SECONDS)
                                    .join()
                            != null,
                    "registry process " + pid + " still runs 60 s after its parent was killed");
        } finally {
            parent.destroyForcibly();
        }
    }

    private static String post(String url, String body) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/vnd.schemaregistry.v1+json");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(200, connection.getResponseCode());
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String url) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(2000);
        return connection.getResponseCode();
    }
}
