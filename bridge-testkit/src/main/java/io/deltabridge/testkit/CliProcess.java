package io.deltabridge.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The {@code bridge} command in a child JVM, as users run it, so that it can be sent SIGTERM or
 * SIGKILL like a real process; its stdout and stderr (the log) collected line by line. The child
 * runs on the class path in the system property {@value #CLASSPATH_PROPERTY} (e.g. the shaded
 * {@code cli/target/bridge.jar} users run), else on the test's own class path, which must then hold
 * the cli module.
 */
public final class CliProcess implements AutoCloseable {
    /** The CLI's main class (by name: the cli module depends on this one, not the other way round). */
    private static final String MAIN_CLASS = "io.deltabridge.cli.BridgeCommand";
    /** The system property naming the child's class path. */
    public static final String CLASSPATH_PROPERTY = "deltabridge.cli.classpath";
    /** What {@link Process#exitValue()} reports for a process ended by SIGKILL (128 + 9). */
    public static final int KILLED = 137;

    private final Process process;
    private final Thread reader;
    private final StringBuilder output = new StringBuilder();
    private boolean ended;

    private CliProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::collect, "cli-process-output-" + process.pid());
        reader.start();
    }

    /** Starts {@code bridge <args>} in a child JVM. */
    public static CliProcess start(String... args) {
        return start(List.of(), args);
    }

    /** Starts {@code bridge <args>} in a child JVM with these JVM options (e.g. {@code -Xmx256m}). */
    public static CliProcess start(List<String> jvmOptions, String... args) {
        return start(jvmOptions, Map.of(), args);
    }

    /** Starts {@code bridge <args>} with {@code env} added to this JVM's environment (e.g. values of {@code ${VAR}}). */
    public static CliProcess start(Map<String, String> env, String... args) {
        return start(List.of(), env, args);
    }

    private static CliProcess start(List<String> jvmOptions, Map<String, String> env, String... args) {
        return startOnClassPath(
                System.getProperty(CLASSPATH_PROPERTY, System.getProperty("java.class.path")), jvmOptions, env, args);
    }

    /** Starts {@code bridge <args>} on this class path (e.g. {@code bridge.jar} and storage plugins, as {@code bin/bridge} builds it). */
    public static CliProcess startOnClassPath(
            String classPath, List<String> jvmOptions, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(MAIN_CLASS);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            return new CliProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until a line containing {@code fragment} was printed; fails when the process ends first or on timeout. */
    public void awaitLine(String fragment, Duration timeout) throws InterruptedException {
        if (!tryAwaitOutput(out -> out.contains(fragment), timeout)) {
            throw new AssertionError(
                    (ended() ? "ended" : "no line in " + timeout) + " before '" + fragment + "'\n" + output());
        }
    }

    /**
     * Waits until the output so far satisfies {@code condition}: true then, false when the process
     * ended first or {@code timeout} passed.
     */
    public synchronized boolean tryAwaitOutput(Predicate<String> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(output.toString())) {
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Sends SIGTERM (through the process handle: {@code Process.destroy()} would also close our end of
     * the pipe and lose the child's last lines) and returns the exit code once the process has ended.
     */
    public int terminate(Duration timeout) throws InterruptedException {
        assertTrue(sendTerm(), "SIGTERM sent");
        return awaitExit(timeout);
    }

    /** Sends SIGTERM without waiting; false when the process had already ended. */
    public boolean sendTerm() {
        return process.toHandle().destroy();
    }

    /**
     * Sends SIGKILL ({@code destroyForcibly} is SIGKILL on Linux and macOS; the exit code
     * {@link #KILLED} proves it was delivered) and returns the exit code once the process has ended.
     */
    public int kill(Duration timeout) throws InterruptedException {
        process.toHandle().destroyForcibly();
        return awaitExit(timeout);
    }

    /** The exit code once the process has ended by itself; fails after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        assertTrue(
                process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS),
                "stopped within " + timeout + "\n" + output());
        reader.join(10_000);
        return process.exitValue();
    }

    /** Everything printed so far. */
    public synchronized String output() {
        return output.toString();
    }

    private synchronized boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void collect() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (this) {
                    output.append(line).append('\n');
                    notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                output.append("(output lost: ").append(e).append(")\n");
            }
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }
}
