package io.deltabridge.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM and SIGINT into a callback instead of an abrupt JVM exit, so that the command
 * can stop its pipelines, let them finish or abort their transaction, and exit with its own
 * code (0 for a continuous run stopped on purpose) rather than 143 / 130 from the JVM.
 */
final class Signals implements AutoCloseable {
    private static final String[] NAMES = {"TERM", "INT"};

    private final List<Restore> previous = new ArrayList<>();

    private record Restore(Signal signal, SignalHandler handler) {}

    private Signals() {}

    /** Calls {@code onSignal} (once per signal, on a JVM signal thread) with the signal's name. */
    static Signals onTerminate(java.util.function.Consumer<String> onSignal) {
        Signals signals = new Signals();
        for (String name : NAMES) {
            try {
                Signal signal = new Signal(name);
                signals.previous.add(new Restore(signal, Signal.handle(signal, s -> onSignal.accept("SIG" + s.getName()))));
            } catch (IllegalArgumentException unsupported) {
                // e.g. a JVM started with -Xrs: fall back to the default behaviour for this signal
            }
        }
        return signals;
    }

    @Override
    public void close() {
        previous.forEach(r -> Signal.handle(r.signal(), r.handler()));
    }
}
