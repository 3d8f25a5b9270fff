package io.deltabridge.cli;

import io.deltabridge.core.metrics.BridgeMeter;
import io.deltabridge.core.metrics.MappingMeters;
import io.deltabridge.core.pipeline.Bridge;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.pipeline.RunSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how long work is going: one line per commit in the log, and, when work lasts more than a
 * couple of seconds, versions / rows / rate / ETA: redrawn in place on a terminal, as a periodic
 * log line otherwise. Quick runs (a cron job with nothing to do) print nothing extra.
 */
final class Progress implements PipelineListener {
    private static final Logger log = LoggerFactory.getLogger("io.deltabridge.progress");
    private static final Duration FIRST_REPORT = Duration.ofSeconds(2);

    private final PrintWriter terminal;
    private final Duration interval;
    private final LongSupplier nanoClock;
    private final Consumer<String> logLine;
    private final Map<String, Counts> counts = new ConcurrentHashMap<>();
    private final DeadLetterLog deadLetters;
    private ScheduledExecutorService ticker;
    private Map<String, MappingMeters> meters;
    private long startNanos;
    private boolean drewLine;
    private long reportedRecords;

    private static final class Counts {
        final AtomicLong units = new AtomicLong();
        final AtomicLong records = new AtomicLong();
        final AtomicLong deadLetters = new AtomicLong();
    }

    /**
     * @param terminal where to redraw the line, or {@code null} to report with {@code logLine}
     * @param nanoClock {@link System#nanoTime()} outside tests
     */
    Progress(PrintWriter terminal, Duration interval, LongSupplier nanoClock, Consumer<String> logLine) {
        this.terminal = terminal;
        this.interval = interval;
        this.nanoClock = nanoClock;
        this.logLine = logLine;
        this.deadLetters = new DeadLetterLog(nanoClock, log::warn);
    }

    /** Redrawn on {@code err} when the process has a console; log lines every 30 s otherwise. */
    static Progress forConsole(PrintWriter err) {
        Consumer<String> logLine = line -> log.info("progress: {}", line);
        return System.console() != null
                ? new Progress(err, Duration.ofSeconds(1), System::nanoTime, logLine)
                : new Progress(null, Duration.ofSeconds(30), System::nanoTime, logLine);
    }

    /**
     * Reports on {@code bridge} every interval, the first time after a couple of seconds, with the
     * gauges its pipelines record in {@code registry} (the one given to its builder).
     */
    synchronized void start(Bridge bridge, MeterRegistry registry) {
        begin(registry, bridge.config().name(), List.copyOf(bridge.pipelines().keySet()));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bridge-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::report, FIRST_REPORT.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts measuring rates from now, with the live gauges of {@code mappings} (in this order) in {@code registry}. */
    synchronized void begin(MeterRegistry registry, String bridge, List<String> mappings) {
        Map<String, MappingMeters> meters = new LinkedHashMap<>();
        mappings.forEach(mapping -> meters.put(mapping, new MappingMeters(registry, bridge, mapping)));
        this.meters = meters;
        this.startNanos = nanoClock.getAsLong();
    }

    synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        meters = null; // a tick already under way reports nothing
        deadLetters.summarize(true);
        if (drewLine) {
            terminal.println();
            terminal.flush();
            drewLine = false;
        }
    }

    @Override
    public void onVersionPublished(String mapping, long version, long events) {
        Counts c = counts(mapping);
        c.units.incrementAndGet();
        c.records.addAndGet(events);
        log.info("{}: published version {} ({} events)", mapping, version, events);
    }

    @Override
    public void onBatchCommitted(String mapping, long tableVersion, long records) {
        Counts c = counts(mapping);
        c.units.incrementAndGet();
        c.records.addAndGet(records);
        log.info("{}: committed table version {} ({} records)", mapping, tableVersion, records);
    }

    @Override
    public void onDeadLetter(String mapping, String topic, int partition, long offset, Exception error) {
        counts(mapping).deadLetters.incrementAndGet();
        deadLetters.deadLettered(mapping, topic + "-" + partition + "@" + offset, error.getMessage());
    }

    @Override
    public void onFailure(String mapping, Exception error) {
        log.debug("{} failed", mapping, error);
    }

    private Counts counts(String mapping) {
        return counts.computeIfAbsent(mapping, m -> new Counts());
    }

    /** One report: the line redrawn on the terminal or logged; nothing while idle or stopped. */
    synchronized void report() {
        if (meters == null) {
            return;
        }
        deadLetters.summarize(false);
        double seconds = Math.max(1e-3, (nanoClock.getAsLong() - startNanos) / 1e9);
        long records = counts.values().stream().mapToLong(c -> c.records.get()).sum();
        boolean lagging = meters.values().stream()
                .anyMatch(m -> m.value(BridgeMeter.LAG_VERSIONS, 0) > 0 || m.value(BridgeMeter.LAG_RECORDS, 0) > 0);
        if (records == reportedRecords && !lagging) {
            return; // idle (a continuous run waiting for changes): nothing to report
        }
        reportedRecords = records;
        StringBuilder line = new StringBuilder();
        meters.forEach((mapping, m) -> {
            Counts c = counts(mapping);
            double rate = c.records.get() / seconds;
            if (!line.isEmpty()) {
                line.append(" | ");
            }
            line.append(mapping)
                    .append(": ")
                    .append(c.units.get())
                    .append(" commits, ")
                    .append(String.format("%,d", c.records.get()))
                    .append(" rows, ")
                    .append(String.format("%,.0f", rate))
                    .append(" rows/s");
            long current = m.value(BridgeMeter.VERSION_CURRENT, -1);
            long latest = m.value(BridgeMeter.VERSION_LATEST, -1);
            if (latest >= 0) {
                line.append(", version ")
                        .append(Math.max(current, 0))
                        .append('/')
                        .append(latest);
            }
            // delta → kafka lags in versions (paced by commits), kafka → delta in records
            long versionsLeft = m.value(BridgeMeter.LAG_VERSIONS, -1);
            long recordsLeft = m.value(BridgeMeter.LAG_RECORDS, -1);
            if (versionsLeft > 0) {
                line.append(eta(versionsLeft, c.units.get() / seconds));
            } else if (recordsLeft > 0) {
                line.append(", lag ")
                        .append(String.format("%,d", recordsLeft))
                        .append(" records")
                        .append(eta(recordsLeft, rate));
            }
            if (c.deadLetters.get() > 0) {
                line.append(", ").append(c.deadLetters.get()).append(" dead-lettered");
            }
        });
        if (terminal != null) {
            terminal.print("\r\033[K" + line);
            terminal.flush();
            drewLine = true;
        } else {
            logLine.accept(line.toString());
        }
    }

    private static String eta(long remaining, double perSecond) {
        return perSecond > 0 ? ", ETA " + formatDuration(Duration.ofSeconds((long) (remaining / perSecond))) : "";
    }

    /** "12 versions, 3,456 events in 1.2 s" style one-liner for a finished run. */
    static String describe(RunSummary s) {
        String line = String.format(
                "%,d commit%s, %,d records, %,d bytes in %s",
                s.units(), s.units() == 1 ? "" : "s", s.records(), s.bytes(), formatDuration(s.elapsed()));
        return s.skipped() > 0 ? line + String.format(" (%,d skipped or dead-lettered)", s.skipped()) : line;
    }

    static String formatDuration(Duration d) {
        if (d.toMillis() < 10_000) {
            return String.format("%.1f s", d.toMillis() / 1000.0);
        }
        long s = d.toSeconds();
        return s < 3600
                ? String.format("%dm%02ds", s / 60, s % 60)
                : String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
