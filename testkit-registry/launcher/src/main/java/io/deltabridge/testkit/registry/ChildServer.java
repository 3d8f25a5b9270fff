package io.deltabridge.testkit.registry;

import java.io.File;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * A server for tests run as a child {@code java} process on a free loopback port, its output in a log file:
 * started (again on another port when the probed one was taken meanwhile), awaited until ready, stopped with
 * a grace period, and never left behind: {@link ExitWithParent} ends it when this JVM ends, even killed.
 * The schema registry and the S3 server of the tests are such servers.
 */
public final class ChildServer implements AutoCloseable {
    /** The address every child server binds. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final int START_ATTEMPTS = 3;
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;

    private ChildServer(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(this::stopProcess, name + "-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The child JVM's options (heap, GC, system properties) and its main class with arguments, for one port. */
    public record Launch(List<String> jvmOptions, List<String> mainAndArgs) {}

    /**
     * Starts a server and waits until {@code ready} holds.
     *
     * @param name      what the server is, for messages and file names
     * @param classPath the child's class path (this module's classes are added: they hold {@link ExitWithParent})
     * @param launch    how to run it on a given port
     * @param ready     whether the started server answers (polled every 100 ms)
     */
    public static ChildServer start(
            String name,
            String classPath,
            IntFunction<Launch> launch,
            Predicate<ChildServer> ready,
            Duration readyTimeout) {
        IllegalStateException failure = null;
        // a probed free port can be taken before the server binds it: try another
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            Launch l = launch.apply(port);
            List<String> command = new ArrayList<>();
            // deltabridge.child.java: the tests' Java 25 leg keeps test servers on the build's own JDK
            command.add(System.getProperty(
                    "deltabridge.child.java",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(l.jvmOptions());
            command.add("-cp");
            command.add(location(ExitWithParent.class) + File.pathSeparator + classPath);
            command.add(ExitWithParent.class.getName());
            command.addAll(l.mainAndArgs());
            try {
                return launch(name, command, port, ready, readyTimeout);
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    public int port() {
        return port;
    }

    /** The server's output (for diagnosing a failing test). */
    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Everything the server printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + log + ": " + e + ")";
        }
    }

    /** Stops the server: asks it to shut down, and kills it if it does not within a few seconds. */
    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: nothing left to unregister
        }
    }

    /** Whether {@code GET} or {@code HEAD} of {@code uri} answers 200 now. */
    public static boolean answers(URI uri, String method) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setRequestMethod(method);
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

    /** The jar or directory a class was loaded from. */
    public static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate " + type, e);
        }
    }

    private static ChildServer launch(
            String name, List<String> command, int port, Predicate<ChildServer> ready, Duration readyTimeout) {
        Process process;
        Path log;
        try {
            log = Files.createTempFile(name + "-" + port + "-", ".log");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
        ChildServer server = new ChildServer(name, process, port, log);
        try {
            server.awaitReady(ready, readyTimeout);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void awaitReady(Predicate<ChildServer> ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready on port " + port + ". Its output:\n" + tail());
            }
            if (ready.test(this)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " was not ready on port " + port + " after " + timeout.toSeconds()
                + " s. Its output:\n" + tail());
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

    private String tail() {
        List<String> lines = output().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free loopback port", e);
        }
    }
}
