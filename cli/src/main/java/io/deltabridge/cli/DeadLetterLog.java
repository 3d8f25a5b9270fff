package io.deltabridge.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The WARN line per dead-lettered record, rate-limited: per mapping, the first {@value #BURST}
 * of a minute are logged one by one (their messages cut to {@value #MAX_MESSAGE} characters),
 * the rest are counted and summed up in one line once the minute is over or the run stops. A
 * topic full of bad records must not flood the log; the metric counts every one.
 */
final class DeadLetterLog {
    static final int BURST = 10;
    static final int MAX_MESSAGE = 500;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final LongSupplier nanoClock;
    private final Consumer<String> warn;
    private final Map<String, Window> windows = new HashMap<>();

    private static final class Window {
        long startNanos;
        int logged;
        long suppressed;

        Window(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    DeadLetterLog(LongSupplier nanoClock, Consumer<String> warn) {
        this.nanoClock = nanoClock;
        this.warn = warn;
    }

    synchronized void deadLettered(String mapping, String record, String message) {
        long now = nanoClock.getAsLong();
        Window w = windows.computeIfAbsent(mapping, m -> new Window(now));
        if (now - w.startNanos >= WINDOW.toNanos()) {
            summarize(mapping, w, now);
        }
        if (w.logged < BURST) {
            w.logged++;
            warn.accept(mapping + ": " + record + " sent to the dead-letter topic: " + brief(message));
        } else {
            w.suppressed++;
        }
    }

    /** Sums up the minutes that are over; {@code all}: every minute, also the current one (the run ends). */
    synchronized void summarize(boolean all) {
        long now = nanoClock.getAsLong();
        windows.forEach((mapping, w) -> {
            if (all || now - w.startNanos >= WINDOW.toNanos()) {
                summarize(mapping, w, now);
            }
        });
    }

    private void summarize(String mapping, Window w, long now) {
        if (w.suppressed > 0) {
            warn.accept(String.format(
                    "%s: %d more records sent to the dead-letter topic in the last %d s (at most %d are logged per minute;"
                            + " the meter deltabridge.dead.letters counts them all)",
                    mapping, w.suppressed, Duration.ofNanos(now - w.startNanos).toSeconds(), BURST));
        }
        w.startNanos = now;
        w.logged = 0;
        w.suppressed = 0;
    }

    private static String brief(String message) {
        return message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
    }
}
