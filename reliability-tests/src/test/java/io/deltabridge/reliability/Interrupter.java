package io.deltabridge.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.deltabridge.testkit.CliProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Stops a running {@code bridge run} child process at a random moment with SIGKILL (mostly) or
 * SIGTERM, and checks how it ended: SIGKILL → 137; SIGTERM → 0 for a continuous run and 130 for an
 * interrupted {@code --once} (or 0 when that run had finished anyway). Keeps the counts for the report.
 *
 * <p>A third of the moments are blind (0.3–3 s after the start, which lands most signals in JVM start
 * and fencing), a third follow the first line that says the mapping runs by 0–1.5 s (first
 * transactions), a third follow the first commit by 0–1.5 s (later transactions; this also makes
 * sure the loop gets on with the work).
 */
final class Interrupter {
    /** A process must end this long after SIGTERM (clean stop) or SIGKILL. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    /** How long to wait for a running or commit line before signalling anyway. */
    private static final Duration LINE_WAIT = Duration.ofSeconds(10);

    /** When the signal comes. */
    private enum Moment {
        BLIND("0.3-3 s after the start"),
        RUNNING("0-1.5 s after the mapping runs"),
        COMMITTED("0-1.5 s after a commit");

        final String description;

        Moment(String description) {
            this.description = description;
        }
    }

    private static final int TERM_ONE_IN = 5;

    private final Random random;
    private final String progressLine;
    private final List<String> runningLines;
    private final Path log;
    private int kills;
    private int killsAfterProgress;
    private int terms;
    private int termsBeforeHook;
    private int endedBySelf;

    /**
     * @param progressLine a fragment of the line the CLI logs after each commit
     * @param runningLines fragments of lines logged once a mapping runs, all after the CLI installed its
     *                     SIGTERM handler (before it, the JVM ends with 143 on SIGTERM: see docs/guarantees.md)
     * @param test         names the file that keeps the children's output: target/crash-loops/{@code test}.log
     */
    Interrupter(Random random, String progressLine, List<String> runningLines, String test) throws IOException {
        this.random = random;
        this.progressLine = progressLine;
        this.runningLines = runningLines;
        this.log = Path.of("target", "crash-loops", test + ".log");
        Files.deleteIfExists(log);
    }

    /** Signals {@code process} (started with {@code --once} or not) at a random moment; returns its exit code. */
    int interrupt(CliProcess process, boolean once, long startNanos) throws InterruptedException {
        boolean term = random.nextInt(TERM_ONE_IN) == 0;
        Moment moment = Moment.values()[random.nextInt(Moment.values().length)];
        long delayMillis = moment == Moment.BLIND ? 300 + random.nextInt(2_700) : random.nextInt(1_500);
        switch (moment) {
            case BLIND ->
                TimeUnit.NANOSECONDS.sleep(
                        Math.max(0, startNanos + TimeUnit.MILLISECONDS.toNanos(delayMillis) - System.nanoTime()));
            case RUNNING -> {
                process.tryAwaitOutput(this::running, LINE_WAIT);
                TimeUnit.MILLISECONDS.sleep(delayMillis);
            }
            case COMMITTED -> {
                process.tryAwaitOutput(out -> out.contains(progressLine), LINE_WAIT);
                TimeUnit.MILLISECONDS.sleep(delayMillis);
            }
        }
        String what = String.format(
                "%s %s at %d ms (%s)",
                once ? "--once" : "continuous",
                term ? "SIGTERM" : "SIGKILL",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                moment.description);
        System.out.println("  " + what);
        try {
            return term ? terminate(process, once) : kill(process, once);
        } finally {
            append(what, process);
        }
    }

    private int kill(CliProcess process, boolean once) throws InterruptedException {
        if (!process.isAlive()) {
            return endedBySelf(process, once);
        }
        boolean progressed = process.output().contains(progressLine);
        int code = process.kill(STOP_TIMEOUT);
        if (code != CliProcess.KILLED) {
            // it ended on its own between the check and the signal
            return checkEndedBySelf(process, once, code);
        }
        kills++;
        killsAfterProgress += progressed ? 1 : 0;
        return code;
    }

    private int terminate(CliProcess process, boolean once) throws InterruptedException {
        if (!process.isAlive()) {
            return endedBySelf(process, once);
        }
        boolean wasRunning = running(process.output());
        process.sendTerm();
        int code = process.awaitExit(STOP_TIMEOUT);
        checkTermExit(process, once, code, wasRunning);
        return code;
    }

    /** Waits for the clean run after the loop: it must finish (exit 0) within {@code timeout}. */
    void awaitClean(CliProcess process, Duration timeout) throws InterruptedException {
        try {
            assertEquals(0, process.awaitExit(timeout), process.output());
        } finally {
            append("final clean run", process);
        }
    }

    /** Keeps every child's output in one file (target/crash-loops/), for a look after the fact. */
    private void append(String what, CliProcess process) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(
                    log, "=== " + what + "\n" + process.output(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("  (could not keep the output in " + log + ": " + e + ")");
        }
    }

    private void checkTermExit(CliProcess process, boolean once, int code, boolean wasRunning) {
        terms++;
        if (code == 143 && !wasRunning && !running(process.output())) {
            // SIGTERM during JVM start, before the bridge installed its handler: the JVM's own exit, nothing started
            termsBeforeHook++;
            return;
        }
        if (once) {
            assertTrue(
                    code == 130 || code == 0,
                    "--once stopped by SIGTERM: exit 130 (or 0 when it had finished), was " + code + "\n"
                            + process.output());
        } else {
            assertEquals(0, code, "continuous run stopped by SIGTERM\n" + process.output());
        }
        assertTrue(code != 130 || process.output().contains("Stop requested"), process.output());
    }

    private int endedBySelf(CliProcess process, boolean once) throws InterruptedException {
        return checkEndedBySelf(process, once, process.awaitExit(STOP_TIMEOUT));
    }

    private int checkEndedBySelf(CliProcess process, boolean once, int code) {
        if (!once) {
            fail("a continuous run ended by itself with exit " + code + "\n" + process.output());
        }
        assertEquals(0, code, "--once ended by itself\n" + process.output());
        endedBySelf++;
        return code;
    }

    private boolean running(String output) {
        return runningLines.stream().anyMatch(output::contains);
    }

    int kills() {
        return kills;
    }

    /** A one-line account for the report. */
    String summary() {
        return String.format(
                "%d SIGKILLs (%d after a commit, %d before any), %d SIGTERMs (%d during JVM start: exit 143),"
                        + " %d --once runs finished before their signal",
                kills, killsAfterProgress, kills - killsAfterProgress, terms, termsBeforeHook, endedBySelf);
    }
}
