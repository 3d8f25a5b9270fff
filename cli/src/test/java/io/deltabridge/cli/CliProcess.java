package io.deltabridge.cli;

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

/**
 * The {@code bridge} command in a child JVM, so that it can be sent SIGTERM like a real process;
 * its stdout and stderr (the log) collected line by line.
 */
final class CliProcess implements AutoCloseable {
    private final Process process;
    private final Thread reader;
    private final StringBuilder output = new StringBuilder();
    private boolean ended;

    private CliProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::collect, "cli-process-output");
        reader.start();
    }

    static CliProcess start(String... args) {
        return start(Map.of(), args);
    }

    /** Starts the command with {@code env} added to this JVM's environment (e.g. the values of {@code ${VAR}} placeholders). */
    static CliProcess start(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BridgeCommand.class.getName());
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
    synchronized void awaitLine(String fragment, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output.toString().contains(fragment)) {
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                throw new AssertionError((ended ? "ended" : "no line in " + timeout) + " before '" + fragment + "'\n" + output);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends SIGTERM (through the process handle: {@code Process.destroy()} would also close our end of
     * the pipe and lose the child's last lines) and returns the exit code once the process has ended.
     */
    int terminate(Duration timeout) throws InterruptedException {
        assertTrue(process.toHandle().destroy(), "SIGTERM sent");
        assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), "stopped within " + timeout + "\n" + output());
        reader.join(10_000);
        return process.exitValue();
    }

    /** Waits until the process ended on its own and returns its exit code. */
    int waitFor(Duration timeout) throws InterruptedException {
        assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), "ended within " + timeout + "\n" + output());
        reader.join(10_000);
        return process.exitValue();
    }

    /** Everything printed so far. */
    synchronized String output() {
        return output.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void collect() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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
