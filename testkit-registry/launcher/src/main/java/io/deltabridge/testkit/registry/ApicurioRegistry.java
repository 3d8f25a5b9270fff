package io.deltabridge.testkit.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A real Confluent-Schema-Registry-compatible registry for tests: Apicurio Registry (in-memory storage)
 * run as a child {@code java} process on a free loopback port ({@link ChildServer}).
 *
 * <pre>{@code
 * try (ApicurioRegistry registry = ApicurioRegistry.start()) {
 *     String url = registry.confluentUrl(); // http://127.0.0.1:<port>/apis/ccompat/v7
 * }
 * }</pre>
 *
 * <p>Like Confluent Schema Registry, it enforces BACKWARD compatibility on every subject by default.
 * The process is stopped by {@link #close()}, failing that when this JVM exits, and even when this JVM
 * is killed. {@link #shared()} gives one registry per JVM for test suites that do not need isolation
 * beyond distinct subjects.
 *
 * <p>The runner jar is the one built by module {@code testkit-registry-apicurio} (its path is recorded in
 * this jar at build time); system property or environment variable {@value #RUNNER_JAR_PROPERTY} /
 * {@code DELTABRIDGE_APICURIO_RUNNER} overrides it.
 */
public final class ApicurioRegistry implements AutoCloseable {

    /** Overrides where the Apicurio runner jar is. */
    public static final String RUNNER_JAR_PROPERTY = "deltabridge.apicurio.runner";

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private static ApicurioRegistry shared;

    private final ChildServer server;

    private ApicurioRegistry(ChildServer server) {
        this.server = server;
    }

    /** Starts a registry with the default settings and waits until it is ready. */
    public static ApicurioRegistry start() {
        return start(Map.of());
    }

    /**
     * Starts a registry and waits until it is ready.
     *
     * @param settings further Quarkus / Apicurio system properties for the registry process
     *                 (e.g. {@code registry.rules.global.compatibility=NONE})
     */
    public static ApicurioRegistry start(Map<String, String> settings) {
        Path runner = runnerJar();
        String main = mainClass(runner);
        return new ApicurioRegistry(ChildServer.start(
                "apicurio-registry",
                runner.toString(),
                port -> new ChildServer.Launch(jvmOptions(port, settings), List.of(main)),
                s -> ChildServer.answers(URI.create(baseUrl(s.port()) + "/health/ready"), "GET"),
                READY_TIMEOUT));
    }

    /** One registry for the whole JVM, started on first use and stopped when the JVM exits. */
    public static synchronized ApicurioRegistry shared() {
        if (shared == null || !shared.isRunning()) {
            shared = start();
        }
        return shared;
    }

    /** The Confluent-compatible API base URL, e.g. {@code http://127.0.0.1:41234/apis/ccompat/v7}. */
    public String confluentUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    /** The registry's root URL, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return baseUrl(server.port());
    }

    public int port() {
        return server.port();
    }

    /** The registry process' output (for diagnosing a failing test). */
    public Path log() {
        return server.log();
    }

    /** The registry process' id. */
    public long pid() {
        return server.pid();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** Stops the registry: asks it to shut down, and kills it if it does not within a few seconds. */
    @Override
    public void close() {
        server.close();
        synchronized (ApicurioRegistry.class) {
            if (shared == this) {
                shared = null;
            }
        }
    }

    private static String baseUrl(int port) {
        return "http://" + ChildServer.LOOPBACK + ":" + port;
    }

    private static List<String> jvmOptions(int port, Map<String, String> settings) {
        List<String> options = new ArrayList<>();
        // small and quick to start: it serves a handful of schemas per test run
        options.add("-Xmx256m");
        options.add("-XX:+UseSerialGC");
        options.add("-XX:TieredStopAtLevel=1");
        options.add("-Dquarkus.http.host=" + ChildServer.LOOPBACK);
        options.add("-Dquarkus.http.port=" + port);
        options.add("-Dregistry.rules.global.compatibility=BACKWARD");
        settings.forEach((key, value) -> options.add("-D" + key + "=" + value));
        return options;
    }

    private static String mainClass(Path runner) {
        try (JarFile jar = new JarFile(runner.toFile())) {
            Manifest manifest = jar.getManifest();
            String main = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            if (main == null) {
                throw new IllegalStateException(
                        runner + " has no Main-Class: it is not an Apicurio Registry runner jar");
            }
            return main;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + runner, e);
        }
    }

    /** The runner jar: the override if set, else the path recorded at build time. */
    static Path runnerJar() {
        String override = System.getProperty(RUNNER_JAR_PROPERTY, System.getenv("DELTABRIDGE_APICURIO_RUNNER"));
        Path jar = override != null ? Path.of(override) : recordedRunnerJar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The Apicurio Registry runner " + jar + " does not exist. Build it with "
                    + "`mvn -B -pl testkit-registry/apicurio package` from the project root, or point system property "
                    + RUNNER_JAR_PROPERTY + " at a runner jar.");
        }
        return jar;
    }

    private static Path recordedRunnerJar() {
        Properties recorded = new Properties();
        try (InputStream in = ApicurioRegistry.class.getResourceAsStream("apicurio-runner.properties")) {
            if (in == null) {
                throw new IllegalStateException("apicurio-runner.properties is missing from testkit-registry");
            }
            recorded.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Path.of(recorded.getProperty("runner.jar")).normalize();
    }
}
