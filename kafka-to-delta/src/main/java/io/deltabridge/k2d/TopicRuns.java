package io.deltabridge.k2d;

import io.deltabridge.core.pipeline.Pipeline;
import io.deltabridge.core.pipeline.RunSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The runs of a per-topic mapping's pipelines, a thread each: what they return is summed into the mapping's run, and
 * what they throw ends it. Thread-safe.
 */
final class TopicRuns {
    private final String kind;
    private final Function<Pipeline, RunSummary> task;
    private final List<Run> runs = new ArrayList<>(); // guarded by this
    private final List<Throwable> failures = new ArrayList<>(); // guarded by this
    private boolean woken; // guarded by this

    private static final class Run {
        private final Pipeline pipeline;
        private Thread thread; // set before it starts
        private volatile RunSummary summary;

        private Run(Pipeline pipeline) {
            this.pipeline = pipeline;
        }
    }

    /** {@code kind} names the threads ({@code once}, {@code run}); {@code task} is what each runs. */
    TopicRuns(String kind, Function<Pipeline, RunSummary> task) {
        this.kind = kind;
        this.task = task;
    }

    /** Starts {@code pipeline} on a thread of its own. */
    synchronized void start(Pipeline pipeline) {
        Run run = new Run(pipeline);
        run.thread = new Thread(
                () -> run(run), "bridge-" + kind + "-" + pipeline.mapping().name());
        runs.add(run);
        run.thread.start();
    }

    private void run(Run run) {
        try {
            run.summary = task.apply(run.pipeline);
        } catch (Throwable e) { // an Error too: the mapping's thread rethrows it, so that the bridge stops everything
            synchronized (this) {
                failures.add(e);
                notifyAll();
            }
        }
    }

    synchronized boolean failed() {
        return !failures.isEmpty();
    }

    /** Waits {@code time}, less when a run fails or {@link #wake} is called. */
    synchronized void await(Duration time) {
        long deadline = System.nanoTime() + time.toNanos();
        try {
            for (long left = time.toNanos();
                    left > 0 && !woken && failures.isEmpty();
                    left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            woken = true;
        }
    }

    /** Ends a wait of {@link #await}, now and from now on. */
    synchronized void wake() {
        woken = true;
        notifyAll();
    }

    /** Asks every started pipeline to stop. */
    void stop() {
        snapshot().forEach(r -> r.pipeline.stop());
    }

    /**
     * Waits for every run to return: their sum as the run of {@code mapping} since {@code startedNanos}, or the first
     * failure ({@code failure} when not null: the mapping's own), the others suppressed in it.
     */
    RunSummary finish(String mapping, long startedNanos, RuntimeException failure) {
        boolean interrupted = false;
        for (Run run : snapshot()) {
            while (run.thread.isAlive()) {
                try {
                    run.thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    run.pipeline.stop();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        List<Throwable> failed = new ArrayList<>();
        if (failure != null) {
            failed.add(failure);
        }
        synchronized (this) {
            failed.addAll(failures);
        }
        if (!failed.isEmpty()) {
            Throwable first = failed.get(0);
            failed.stream().skip(1).forEach(first::addSuppressed);
            if (first instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) first;
        }
        long units = 0;
        long records = 0;
        long bytes = 0;
        long skipped = 0;
        for (Run run : snapshot()) {
            units += run.summary.units();
            records += run.summary.records();
            bytes += run.summary.bytes();
            skipped += run.summary.skipped();
        }
        return new RunSummary(
                mapping, units, records, bytes, skipped, Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    private synchronized List<Run> snapshot() {
        return List.copyOf(runs);
    }
}
