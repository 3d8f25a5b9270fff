package io.deltabridge.testkit.registry;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A real Confluent-Schema-Registry-compatible registry for tests: Apicurio Registry (in-memory storage)
 * run as a child {@code java} process on a free loopback port.
 *
 * <pre>{@code
 * try (ApicurioRegistry registry = ApicurioRegistry.start()) {
 *     String url = registry.confluentUrl(); // http://127.0.0.1:<port>/apis/ccompat/v7
 * }
 * }</pre>
 *
 * <p>Like Confluent Schema Registry, it enforces BACKWARD compatibility on every subject by default.
 * The process is stopped by {@link #close()}, failing that when this JVM exits, and even when this JVM
 * is killed (the child exits when its standard input, a pipe from this JVM, closes). {@link #shared()}
 * gives one registry per JVM for test suites that do not need isolation beyond distinct subjects.
 *
 * <p>The runner jar is the one built by module {@code testkit-registry-apicurio} (its path is recorded in
 * this jar at build time); system property or environment variable {@value #RUNNER_JAR_PROPERTY} /
 * {@code DELTABRIDGE_APICURIO_RUNNER} overrides it.
 */
public final class ApicurioRegistry implements AutoCloseable {

    /** Overrides where the Apicurio runner jar is. */
    public static final String RUNNER_JAR_PROPERTY = "deltabridge.apicurio.runner";

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;

    private static ApicurioRegistry shared;

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;

    private ApicurioRegistry(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(this::stopProcess, "apicurio-registry-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
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
        IllegalStateException failure = null;
        // a free port can be taken by someone else between probing and binding: try again on another one
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return launch(runner, freePort(), settings);
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    /** One registry for the whole JVM, started on first use and stopped when the JVM exits. */
    public static synchronized ApicurioRegistry shared() {
        if (shared == null || !shared.process.isAlive()) {
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
        return "http://" + LOOPBACK + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The registry process' output (for diagnosing a failing test). */
    public Path log() {
        return log;
    }

    /** The registry process' id. */
    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the registry: asks it to shut down, and kills it if it does not within a few seconds. */
    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: nothing left to unregister
        }
        synchronized (ApicurioRegistry.class) {
            if (shared == this) {
                shared = null;
            }
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static ApicurioRegistry launch(Path runner, int port, Map<String, String> settings) {
        Path log;
        Process process;
        try {
            log = Files.createTempFile("apicurio-registry-" + port + "-", ".log");
            process = new ProcessBuilder(command(runner, port, settings))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Apicurio Registry from " + runner, e);
        }
        ApicurioRegistry registry = new ApicurioRegistry(process, port, log);
        try {
            registry.awaitReady();
            return registry;
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
    }

    private static List<String> command(Path runner, int port, Map<String, String> settings) {
        List<String> command = new ArrayList<>();
        // deltabridge.registry.java: the tests' Java 25 leg keeps the registry (Quarkus 2.16) on the build's JDK
        command.add(System.getProperty("deltabridge.registry.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // small and quick to start: it serves a handful of schemas per test run
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dquarkus.http.host=" + LOOPBACK);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dregistry.rules.global.compatibility=BACKWARD");
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        // the runner jar's manifest brings its libraries; ExitWithParent (from this jar) ends the registry with us
        command.add("-cp");
        command.add(ownLocation() + File.pathSeparator + runner);
        command.add(ExitWithParent.class.getName());
        command.add(mainClass(runner));
        return command;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        URI health = URI.create(baseUrl() + "/health/ready");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with code " + process.exitValue()
                        + " before it was ready on port " + port + ". Its output:\n" + tail());
            }
            if (answers(health)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Apicurio Registry", e);
            }
        }
        throw new IllegalStateException("Apicurio Registry was not ready on port " + port + " after "
                + READY_TIMEOUT.toSeconds() + " s. Its output:\n" + tail());
    }

    private static boolean answers(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
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

    private static String ownLocation() {
        try {
            return Path.of(ApicurioRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the testkit-registry classes", e);
        }
    }

    private static String mainClass(Path runner) {
        try (JarFile jar = new JarFile(runner.toFile())) {
            Manifest manifest = jar.getManifest();
            String main = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            if (main == null) {
                throw new IllegalStateException(runner + " has no Main-Class: it is not an Apicurio Registry runner jar");
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
