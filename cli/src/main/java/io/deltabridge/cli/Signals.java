package io.deltabridge.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when the process is asked to stop (SIGTERM, SIGINT / Ctrl-C). {@link BridgeCommand#main} installs one
 * shutdown hook for the process ({@link #installForProcess()}) and ends through {@link #exit(int)}; a command that can
 * be stopped says what stopping means ({@link #onTerminate}) until it returns ({@link #close()}). A signal
 *
 * <ul>
 *   <li>while the command runs: the hook runs {@code stop} (the bridge closes: each mapping finishes or aborts its
 *       transaction) and ends the process with the command's exit code (0 for a continuous run stopped on purpose, 130
 *       for an interrupted {@code --once}), also when stopping fails;
 *   <li>after the command returned, on the way out: the hook ends the process with the code main exits with;
 *   <li>before a command said how to stop (JVM start, argument parsing), or during one that never does: the JVM's own
 *       143 / 130.
 * </ul>
 *
 * <p>Only {@link #exit(int)}'s {@code Runtime.halt} can choose the exit status once the JVM shuts down: without it a
 * signal ends the process with 143 whatever the command did. A command run in-process (an application or a test
 * calling {@code BridgeCommand.commandLine()}) installs no hook: the JVM's signals belong to its owner.
 */
final class Signals implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);
    /** Once the command returned, main chooses the exit code within moments. */
    private static final long MAIN_EXIT_WAIT_SECONDS = 10;

    private static final AtomicReference<Signals> running = new AtomicReference<>();
    private static final CompletableFuture<Integer> mainExitCode = new CompletableFuture<>();
    private static volatile boolean commandReturned;

    private final Runnable stop;
    private final IntSupplier exitCode;

    private Signals(Runnable stop, IntSupplier exitCode) {
        this.stop = stop;
        this.exitCode = exitCode;
    }

    /** By main, first: from here on a signal ends the process with the command's code, as described above. */
    static void installForProcess() {
        Runtime.getRuntime().addShutdownHook(new Thread(Signals::onShutdown, "bridge-shutdown"));
    }

    /** Until {@link #close()}: on a signal, run {@code stop}, then end the process with {@code exitCode}. */
    static Signals onTerminate(Runnable stop, IntSupplier exitCode) {
        Signals command = new Signals(stop, exitCode);
        running.set(command);
        return command;
    }

    /** By main, last: ends the process with {@code code}, also when a signal comes at the same moment. */
    static void exit(int code) {
        mainExitCode.complete(code);
        System.exit(code);
    }

    @Override
    public void close() {
        commandReturned = true; // before the command leaves 'running': the hook never sees neither
        running.compareAndSet(this, null);
    }

    private static void onShutdown() {
        Signals command = running.get();
        if (command != null) {
            halt(command.stopAndChooseExitCode());
        } else if (commandReturned) {
            try {
                halt(mainExitCode.get(MAIN_EXIT_WAIT_SECONDS, TimeUnit.SECONDS));
            } catch (TimeoutException | ExecutionException | InterruptedException e) {
                log.warn("The command returned but no exit code was chosen: the JVM ends with its own");
            }
        }
    }

    private int stopAndChooseExitCode() {
        try {
            stop.run();
        } catch (RuntimeException | Error e) {
            // the process ends anyway; what was committed stays exactly once, the rest is redone by the next run
            log.error("Stopping did not finish cleanly", e);
        }
        return exitCode.getAsInt();
    }

    private static void halt(int code) {
        ArchiveRecording.ending(code);
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }
}
