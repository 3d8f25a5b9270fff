package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.deltabridge.core.pipeline.PipelineMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line from listener callbacks and metric snapshots, on a fake clock; no ticker thread. */
class ProgressTest {
    private static final String REDRAW = "\r\033[K";

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final StringWriter terminal = new StringWriter();
    private final List<String> logLines = new ArrayList<>();
    private final Map<String, Map<String, Number>> snapshots = new LinkedHashMap<>();

    @Test
    void terminalShowsVersionsRowsRateAndEtaPacedByCommits() {
        Progress progress = onTerminal();
        snapshots.put("orders-out", new HashMap<>(Map.of("version.current", 3, "version.latest", 10, "lag.versions", 7)));
        begin(progress);
        progress.onVersionPublished("orders-out", 1, 100);
        progress.onVersionPublished("orders-out", 2, 200);
        progress.onVersionPublished("orders-out", 3, 300);
        advance(Duration.ofSeconds(10));

        progress.report();

        // 600 rows in 10 s; 3 versions in 10 s leaves 7 versions for 23 s
        assertEquals(REDRAW + "orders-out: 3 commits, 600 rows, 60 rows/s, version 3/10, ETA 0m23s", terminal.toString());
        assertEquals(List.of(), logLines, "a terminal gets no log lines");
    }

    @Test
    void terminalLineIsRedrawnInPlaceAndEndedOnStop() {
        Progress progress = onTerminal();
        snapshots.put("orders-out", new HashMap<>(Map.of("version.current", 1, "version.latest", 2, "lag.versions", 1)));
        begin(progress);
        progress.onVersionPublished("orders-out", 1, 50);
        advance(Duration.ofSeconds(10));
        progress.report();
        progress.onVersionPublished("orders-out", 2, 50);
        snapshots.put("orders-out", Map.of("version.current", 2, "version.latest", 2, "lag.versions", 0));
        advance(Duration.ofSeconds(10));
        progress.report();
        progress.stop();

        assertEquals(REDRAW + "orders-out: 1 commits, 50 rows, 5 rows/s, version 1/2, ETA 0m10s"
                + REDRAW + "orders-out: 2 commits, 100 rows, 5 rows/s, version 2/2"
                + System.lineSeparator(), terminal.toString());
    }

    @Test
    void withoutTerminalReportsPeriodicLogLinesWithRecordLagAndDeadLetters() {
        Progress progress = new Progress(null, Duration.ofSeconds(30), nanos::get, logLines::add);
        snapshots.put("orders-in", new HashMap<>(Map.of("consumer.lag", 800)));
        begin(progress);
        progress.onBatchCommitted("orders-in", 5, 400);
        progress.onDeadLetter("orders-in", "orders", 0, 17, new IllegalArgumentException("not Avro"));
        advance(Duration.ofSeconds(20));

        progress.report();
        // still lagging without new records (e.g. a slow batch): a line again, the rate halved
        advance(Duration.ofSeconds(20));
        progress.report();

        assertEquals(List.of(
                "orders-in: 1 commits, 400 rows, 20 rows/s, lag 800 records, ETA 0m40s, 1 dead-lettered",
                "orders-in: 1 commits, 400 rows, 10 rows/s, lag 800 records, ETA 1m20s, 1 dead-lettered"), logLines);
        assertEquals("", terminal.toString());
    }

    @Test
    void severalMappingsShareOneLine() {
        Progress progress = new Progress(null, Duration.ofSeconds(30), nanos::get, logLines::add);
        snapshots.put("a", Map.of("version.current", 4, "version.latest", 4, "lag.versions", 0));
        snapshots.put("b", Map.of("consumer.lag", 0));
        begin(progress);
        progress.onVersionPublished("a", 4, 30);
        progress.onBatchCommitted("b", 1, 10);
        advance(Duration.ofSeconds(10));

        progress.report();

        assertEquals(List.of("a: 1 commits, 30 rows, 3 rows/s, version 4/4 | b: 1 commits, 10 rows, 1 rows/s"), logLines);
    }

    @Test
    void quietWhileIdle() {
        Progress progress = new Progress(null, Duration.ofSeconds(30), nanos::get, logLines::add);
        snapshots.put("orders-out", new HashMap<>(Map.of("version.current", 5, "version.latest", 5, "lag.versions", 0)));
        begin(progress);
        advance(Duration.ofSeconds(60));
        progress.report(); // nothing done, nothing behind: a continuous run waiting for changes

        progress.onVersionPublished("orders-out", 6, 10);
        snapshots.get("orders-out").put("version.latest", 6);
        snapshots.get("orders-out").put("version.current", 6);
        progress.report();
        advance(Duration.ofSeconds(60));
        progress.report(); // idle again after that version

        assertEquals(List.of("orders-out: 1 commits, 10 rows, 0 rows/s, version 6/6"), logLines);
    }

    @Test
    void reportsNothingBeforeStartOrAfterStop() {
        Progress progress = onTerminal();
        snapshots.put("orders-out", Map.of("lag.versions", 3));
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
        progress.begin(() -> {
            Map<String, PipelineMetrics> live = new LinkedHashMap<>();
            snapshots.forEach((mapping, snapshot) -> live.put(mapping, () -> Map.copyOf(snapshot)));
            return live;
        });
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }
}
