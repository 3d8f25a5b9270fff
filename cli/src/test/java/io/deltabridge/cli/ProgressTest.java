package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.deltabridge.core.metrics.BridgeMeter;
import io.deltabridge.core.metrics.MappingMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line from listener callbacks and the gauges pipelines register, on a fake clock; no ticker thread. */
class ProgressTest {
    private static final String REDRAW = "\r\033[K";

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final StringWriter terminal = new StringWriter();
    private final List<String> logLines = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> mappings = new ArrayList<>();

    @Test
    void terminalShowsVersionsRowsRateAndEtaPacedByCommits() {
        Progress progress = onTerminal();
        versions("orders-out", 3, 10, 7);
        begin(progress);
        progress.onVersionPublished("orders-out", 1, 100);
        progress.onVersionPublished("orders-out", 2, 200);
        progress.onVersionPublished("orders-out", 3, 300);
        advance(Duration.ofSeconds(10));

        progress.report();

        // 600 rows in 10 s; 3 versions in 10 s leaves 7 versions for 23 s
        assertEquals(
                REDRAW + "orders-out: 3 commits, 600 rows, 60 rows/s, version 3/10, ETA 0m23s", terminal.toString());
        assertEquals(List.of(), logLines, "a terminal gets no log lines");
    }

    @Test
    void terminalLineIsRedrawnInPlaceAndEndedOnStop() {
        Progress progress = onTerminal();
        AtomicLong[] versions = versions("orders-out", 1, 2, 1);
        begin(progress);
        progress.onVersionPublished("orders-out", 1, 50);
        advance(Duration.ofSeconds(10));
        progress.report();
        progress.onVersionPublished("orders-out", 2, 50);
        versions[0].set(2);
        versions[2].set(0);
        advance(Duration.ofSeconds(10));
        progress.report();
        progress.stop();

        assertEquals(
                REDRAW + "orders-out: 1 commits, 50 rows, 5 rows/s, version 1/2, ETA 0m10s"
                        + REDRAW + "orders-out: 2 commits, 100 rows, 5 rows/s, version 2/2"
                        + System.lineSeparator(),
                terminal.toString());
    }

    @Test
    void withoutTerminalReportsPeriodicLogLinesWithRecordLagAndDeadLetters() {
        Progress progress = new Progress(null, Duration.ofSeconds(30), nanos::get, logLines::add);
        gauge("orders-in", BridgeMeter.LAG_RECORDS, 800);
        begin(progress);
        progress.onBatchCommitted("orders-in", 5, 400);
        progress.onDeadLetter("orders-in", "orders", 0, 17, new IllegalArgumentException("not Avro"));
        advance(Duration.ofSeconds(20));

        progress.report();
        // still lagging without new records (e.g. a slow batch): a line again, the rate halved
        advance(Duration.ofSeconds(20));
        progress.report();

        assertEquals(
                List.of(
                        "orders-in: 1 commits, 400 rows, 20 rows/s, lag 800 records, ETA 0m40s, 1 dead-lettered",
                        "orders-in: 1 commits, 400 rows, 10 rows/s, lag 800 records, ETA 1m20s, 1 dead-lettered"),
                logLines);
        assertEquals("", terminal.toString());
    }

    @Test
    void severalMappingsShareOneLine() {
        Progress progress = new Progress(null, Duration.ofSeconds(30), nanos::get, logLines::add);
        versions("a", 4, 4, 0);
        gauge("b", BridgeMeter.LAG_RECORDS, 0);
        begin(progress);
        progress.onVersionPublished("a", 4, 30);
        progress.onBatchCommitted("b", 1, 10);
        advance(Duration.ofSeconds(10));

        progress.report();

        assertEquals(
                List.of("a: 1 commits, 30 rows, 3 rows/s, version 4/4 | b: 1 commits, 10 rows, 1 rows/s"), logLines);
    }

    @Test
    void quietWhileIdle() {
        Progress progress = new Progress(null, Duration.ofSeconds(30), nanos::get, logLines::add);
        AtomicLong[] versions = versions("orders-out", 5, 5, 0);
        begin(progress);
        advance(Duration.ofSeconds(60));
        progress.report(); // nothing done, nothing behind: a continuous run waiting for changes

        progress.onVersionPublished("orders-out", 6, 10);
        versions[1].set(6);
        versions[0].set(6);
        progress.report();
        advance(Duration.ofSeconds(60));
        progress.report(); // idle again after that version

        assertEquals(List.of("orders-out: 1 commits, 10 rows, 0 rows/s, version 6/6"), logLines);
    }

    @Test
    void reportsNothingBeforeStartOrAfterStop() {
        Progress progress = onTerminal();
        gauge("orders-out", BridgeMeter.LAG_VERSIONS, 3);
        progress.onVersionPublished("orders-out", 1, 10);
        progress.report();
        begin(progress);
        progress.stop();
        progress.report();

        assertEquals("", terminal.toString());
    }

    private Progress onTerminal() {
        return new Progress(new PrintWriter(terminal), Duration.ofSeconds(1), nanos::get, logLines::add);
    }

    private void begin(Progress progress) {
        progress.begin(registry, "b", mappings);
    }

    /** The version gauges of a delta → kafka mapping: current, latest and lag, in that order. */
    private AtomicLong[] versions(String mapping, long current, long latest, long lag) {
        return new AtomicLong[] {
            gauge(mapping, BridgeMeter.VERSION_CURRENT, current),
            gauge(mapping, BridgeMeter.VERSION_LATEST, latest),
            gauge(mapping, BridgeMeter.LAG_VERSIONS, lag)
        };
    }

    /** A gauge registered as the mapping's pipeline does, in the bridge's registry, set to {@code value}. */
    private AtomicLong gauge(String mapping, BridgeMeter meter, long value) {
        if (!mappings.contains(mapping)) {
            mappings.add(mapping);
        }
        return new MappingMeters(registry, "b", mapping).gauge(meter, value);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }
}
