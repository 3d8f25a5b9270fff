package io.deltabridge.d2k;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long continuous mode waits before it lists the table's log again (one LIST of
 * {@code _delta_log} per look). While versions keep coming (a new one within {@link #ACTIVE_WINDOW}
 * of the last) it looks every {@code active} interval, so that a table committing every second is
 * published tens of milliseconds after each commit instead of up to a whole {@code poll-interval}
 * later; once the table is quiet the wait doubles at each look up to {@code idle} (the mapping's
 * {@code poll-interval}), so an idle table is listed once per {@code poll-interval}, as with a fixed
 * interval. Each new version thus costs at most {@code ACTIVE_WINDOW / active} extra listings.
 */
final class PollSchedule {
    /** Default wait between looks while versions keep coming. */
    static final Duration ACTIVE = Duration.ofMillis(50);
    /** How long after the last new version the schedule stays at the active interval. */
    static final Duration ACTIVE_WINDOW = Duration.ofSeconds(10);

    private final long activeNanos;
    private final long idleNanos;
    private final LongSupplier nanoClock;
    private long lastVersion = -1;
    private long lastChangeNanos;
    private long waitNanos;

    /**
     * @param active    the wait while versions keep coming; at least {@code idle} means a fixed interval
     * @param idle      the longest wait, when the table is quiet ({@code poll-interval})
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    PollSchedule(Duration active, Duration idle, LongSupplier nanoClock) {
        this.idleNanos = idle.toNanos();
        this.activeNanos = Math.min(active.toNanos(), idleNanos);
        this.nanoClock = nanoClock;
        // the first look (the run's start) is not activity: a run that starts on a quiet table stays quiet
        this.waitNanos = idleNanos;
        this.lastChangeNanos = nanoClock.getAsLong() - ACTIVE_WINDOW.toNanos();
    }

    /** After a look that found {@code latestVersion} as the table's latest: how long to wait before the next. */
    Duration after(long latestVersion) {
        long now = nanoClock.getAsLong();
        boolean changed = lastVersion >= 0 && latestVersion != lastVersion;
        lastVersion = latestVersion;
        if (changed || now - lastChangeNanos < ACTIVE_WINDOW.toNanos()) {
            if (changed) {
                lastChangeNanos = now;
            }
            waitNanos = activeNanos;
        } else {
            waitNanos = Math.min(idleNanos, waitNanos * 2);
        }
        return Duration.ofNanos(waitNanos);
    }
}
