package io.deltabridge.testkit;

import io.deltabridge.testkit.registry.ExitWithParent;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 API server for tests: Adobe S3Mock (Maven Central, {@code com.adobe:s3mock:exec}) run as a
 * child JVM on a free loopback port, so its Spring Boot never meets the product's class path. It
 * honours conditional writes ({@code If-None-Match: *} answers 412 when the key exists) and multipart
 * uploads. Unlike AWS S3 it checks the condition and writes without holding a lock: of 8 conditional
 * PUTs of one key sent at the same instant, up to 3 were measured to succeed. So it proves that a
 * writer is refused once a key exists, not that a photo-finish race has one winner. Bucket {@value #BUCKET} exists from the start; objects live in a temporary directory that
 * goes away with the server. The child exits with this JVM, even when this JVM is killed.
 */
public final class S3Server implements AutoCloseable {
    public static final String BUCKET = "lake";
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final int START_ATTEMPTS = 3;
    private static final String SPRING_BOOT_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

    private final Process process;
    private final int port;
    private final Path log;

    private S3Server(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a server and waits until it answers. */
    public static S3Server start() {
        IllegalStateException failure = null;
        // a probed free port can be taken before the server binds it: try another
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return launch(freePort());
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://" + LOOPBACK + ":" + port;
    }

    /** {@code s3a://lake/<path>}. */
    public String uri(String path) {
        return "s3a://" + BUCKET + "/" + path;
    }

    /**
     * The S3A settings (the mapping file's {@code delta:} section) that reach this server: path-style
     * requests over plain HTTP, static dummy credentials (S3Mock checks none).
     */
    public Map<String, String> s3aSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fs.s3a.endpoint", endpoint());
        settings.put("fs.s3a.endpoint.region", "us-east-1");
        settings.put("fs.s3a.path.style.access", "true");
        settings.put("fs.s3a.connection.ssl.enabled", "false");
        settings.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        settings.put("fs.s3a.access.key", "test-access-key");
        settings.put("fs.s3a.secret.key", "test-secret-key");
        settings.put("fs.s3a.attempts.maximum", "3");
        settings.put("fs.s3a.retry.limit", "3");
        // Hadoop caches a file system per bucket name, whatever the endpoint: each server of a test JVM needs its own
        settings.put("fs.s3a.impl.disable.cache", "true");
        return settings;
    }

    /** The server's output (for diagnosing a failing test). */
    public Path log() {
        return log;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static S3Server launch(int port) {
        Path log;
        Path root;
        Process process;
        try {
            log = Files.createTempFile("s3mock-" + port + "-", ".log");
            root = Files.createTempDirectory("s3mock-" + port + "-");
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    // ExitWithParent (testkit-registry) ends the server with this JVM; the exec jar is a Spring Boot jar
                    "-cp", location(ExitWithParent.class) + File.pathSeparator + serverJar(),
                    ExitWithParent.class.getName(), SPRING_BOOT_LAUNCHER,
                    "--server.address=" + LOOPBACK,
                    "--server.port=0",
                    "--com.adobe.testing.s3mock.http-port=" + port,
                    "--com.adobe.testing.s3mock.store.root=" + root,
                    "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
                    "--logging.level.root=WARN",
                    "--logging.level.com.adobe.testing.s3mock.S3MockApplication=INFO");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start S3Mock", e);
        }
        S3Server server = new S3Server(process, port, log);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3mock-stop-" + port));
        try {
            server.awaitReady();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with code " + process.exitValue() + " before it was ready on port "
                        + port + ". Its output:\n" + output());
            }
            if (output().contains("Started S3MockApplication") && bucketAnswers()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for S3Mock", e);
            }
        }
        throw new IllegalStateException("S3Mock was not ready on port " + port + " after " + READY_TIMEOUT.toSeconds()
                + " s. Its output:\n" + output());
    }

    private boolean bucketAnswers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/" + BUCKET).toURL().openConnection();
            connection.setRequestMethod("HEAD");
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    private String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + log + ": " + e + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free loopback port", e);
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate " + type, e);
        }
    }

    private static Path serverJar() {
        Properties recorded = new Properties();
        try (InputStream in = S3Server.class.getResourceAsStream("s3mock.properties")) {
            recorded.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path jar = Path.of(recorded.getProperty("s3mock.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build bridge-testkit with Maven (it resolves S3Mock)");
        }
        return jar;
    }
}
