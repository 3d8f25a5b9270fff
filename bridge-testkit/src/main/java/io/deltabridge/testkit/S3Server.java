package io.deltabridge.testkit;

import io.deltabridge.testkit.registry.ChildServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real S3 API server for tests: Adobe S3Mock (Maven Central, {@code com.adobe:s3mock:exec}) run as a
 * child JVM on a free loopback port, so its Spring Boot never meets the product's class path. It
 * honours conditional writes ({@code If-None-Match: *} answers 412 when the key exists) and multipart
 * uploads. Unlike AWS S3 it checks the condition and writes without holding a lock: of 8 conditional PUTs
 * of one key sent at once, 6 were measured to be told "created" while only one content stays. Clients
 * therefore reach it through a {@link ConditionalWriteProxy} that lets one conditional write per key through
 * at a time, so that a race has one winner as on AWS S3. Bucket {@value #BUCKET} exists from the start; objects live in a temporary directory that
 * goes away with the server. The child ({@link ChildServer}) exits with this JVM, even when this JVM is killed.
 */
public final class S3Server implements AutoCloseable {
    public static final String BUCKET = "lake";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final String SPRING_BOOT_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

    private final ChildServer server;
    private final ConditionalWriteProxy proxy;

    private S3Server(ChildServer server) {
        this.server = server;
        this.proxy = ConditionalWriteProxy.start(endpoint(server.port()));
    }

    /** Starts a server and waits until it answers. */
    public static S3Server start() {
        return new S3Server(ChildServer.start(
                "s3mock",
                serverJar().toString(),
                S3Server::launch,
                s -> s.output().contains("Started S3MockApplication")
                        && ChildServer.answers(URI.create(endpoint(s.port()) + "/" + BUCKET), "HEAD"),
                READY_TIMEOUT));
    }

    /** {@code http://127.0.0.1:<port>}, through the proxy that serialises conditional writes. */
    public String endpoint() {
        return endpoint(proxy.port());
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
        return server.log();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    @Override
    public void close() {
        proxy.close();
        server.close();
    }

    private static String endpoint(int port) {
        return "http://" + ChildServer.LOOPBACK + ":" + port;
    }

    /** The exec jar is a Spring Boot jar; objects go to a fresh temporary directory. */
    private static ChildServer.Launch launch(int port) {
        Path root;
        try {
            root = Files.createTempDirectory("s3mock-" + port + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create S3Mock's store directory", e);
        }
        return new ChildServer.Launch(
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                List.of(
                        SPRING_BOOT_LAUNCHER,
                        "--server.address=" + ChildServer.LOOPBACK,
                        "--server.port=0",
                        "--com.adobe.testing.s3mock.http-port=" + port,
                        "--com.adobe.testing.s3mock.store.root=" + root,
                        "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
                        "--logging.level.root=WARN",
                        "--logging.level.com.adobe.testing.s3mock.S3MockApplication=INFO"));
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
