package io.deltabridge.cli;

import java.util.function.IntSupplier;

/**
 * What happens when the process is asked to stop (SIGTERM, SIGINT / Ctrl-C): a shutdown hook
 * runs {@code stop} (the bridge closes: each mapping finishes or aborts its transaction) and then
 * ends the process with the command's own exit code (0 for a continuous run stopped on purpose)
 * instead of the JVM's 143 / 130. Closing this object before the command returns removes the
 * hook, so that a normal exit does not run it.
 */
final class Signals implements AutoCloseable {
    private final Thread hook;

    private Signals(Thread hook) {
        this.hook = hook;
    }

    static Signals onTerminate(Runnable stop, IntSupplier exitCode) {
        Thread hook = new Thread(
                () -> {
                    stop.run();
                    System.out.flush();
                    System.err.flush();
                    // a hook cannot choose the exit status otherwise; every other resource is closed by now
                    Runtime.getRuntime().halt(exitCode.getAsInt());
                },
                "bridge-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return new Signals(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it ends the process itself
        }
    }
}
