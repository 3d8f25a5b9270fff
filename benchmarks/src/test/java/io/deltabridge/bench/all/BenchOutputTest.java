package io.deltabridge.bench.all;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scripts' output as they print it (lines copied from real runs), read back by {@link BenchOutput}. */
class BenchOutputTest {

    @Test
    void d2kRunsAreReadOnceEachWithoutTheNothingToDoRun() {
        String out = String.join(
                "\n",
                "created /tmp/deltabridge-bench/insights-100000 (100000 rows) in 26.3 s",
                "json 100000 rows (-Xmx128m) #1         115000      10871      3.0    10.58     14.18       250     114.4    5.64",
                "json 100000 rows (-Xmx128m) #2         115000      12000      3.3    9.58     13.18       240     110.0    5.50",
                "json again, nothing to do                   0          0      0.0     3.04      5.51       162      51.7    2.41",
                "",
                "run                                   records  rows/s(q) MiB/s(q)  query s    wall s   RSS MiB  heap MiB   CPU s",
                "json 100000 rows (-Xmx128m) #1         115000      10871      3.0    10.58     14.18       250     114.4    5.64",
                "json 100000 rows (-Xmx128m) #2         115000      12000      3.3    9.58     13.18       240     110.0    5.50");
        List<double[]> runs = BenchOutput.runs(out, BenchOutput.D2K_RUN);
        assertEquals(2, runs.size());
        assertArrayEquals(new double[] {115000, 10871, 3.0, 10.58, 14.18, 250, 114.4, 5.64}, runs.get(0));
        assertEquals(12000, runs.get(1)[BenchOutput.RATE]);
        assertEquals(240, runs.get(1)[BenchOutput.RSS]);
        assertEquals(5.50, runs.get(1)[BenchOutput.CPU]);
    }

    @Test
    void k2dRunsLeaveTheCommitsOut() {
        String out = String.join(
                "\n",
                "produced 100000 json records (28.8 MiB, 302 B/record) to k2d-json in 5.2 s",
                "json 100000 (-Xmx192m) #1           100000       9728      2.8    10.28    11.92      275       115     5.5        1",
                "",
                "run                                records events/s(q) MiB/s(q)  query s   wall s  RSS MiB  heap MiB   CPU s  commits",
                "json 100000 (-Xmx192m) #1           100000       9728      2.8    10.28    11.92      275       115     5.5        1");
        List<double[]> runs = BenchOutput.runs(out, BenchOutput.K2D_RUN);
        assertEquals(1, runs.size());
        assertArrayEquals(new double[] {100000, 9728, 2.8, 10.28, 11.92, 275, 115, 5.5}, runs.get(0));
    }

    @Test
    void startMediansOfBothLaunchers() {
        String out = String.join(
                "\n",
                "run 1:  before: bin/bridge 2.01 s wall 1.50 s CPU;  before: java -jar 2.90 s wall 3.10 s CPU;"
                        + "  bin/bridge 0.83 s wall 1.25 s CPU;  java -jar 1.64 s wall 2.85 s CPU;",
                "median of 7 (JVM start to exit; CPU: user + system):",
                "  before: bin/bridge   2.05 s wall (1.90–2.20)  1.52 s CPU (1.40–1.60)",
                "  before: java -jar    2.95 s wall (2.80–3.10)  3.12 s CPU (3.00–3.30)",
                "  bin/bridge           0.95 s wall (0.83–1.03)  1.43 s CPU (1.25–1.55)",
                "  java -jar            1.74 s wall (1.63–2.00)  3.00 s CPU (2.81–3.43)",
                "machine load average at the end: 1.86767578125");
        assertArrayEquals(new double[] {0.95, 1.74}, BenchOutput.startMedians(out));
    }

    @Test
    void latencyMediansPerEventOfTheDefaultPolling() {
        String out = String.join(
                "\n",
                "poll 1000 ms #1          per event   p50   80  p90  109  p99  144  max  150 ms (n=30000)",
                "                         per version p50   81  p90  110  p99  145  max  151 ms (n=30)",
                "",
                "medians over the repetitions:",
                "poll 1000 ms       per event   p50   80  p90  109  p99  144  max  150 ms",
                "poll 1000 ms       per version p50   81  p90  110  p99  145  max  151 ms");
        assertArrayEquals(new double[] {80, 109, 144}, BenchOutput.latencyMedians(out));
    }

    @Test
    void headerCostRunsByHeaderSetWhateverTheirOrder() {
        String out = String.join(
                "\n",
                // the first line behind the colour codes that Maven (run by the script first) leaves on the terminal
                "\u001B[0m\u001B[0mrun 1:  13 headers (SPEC §7) 279606 rows/s 3.47 µs CPU/record;"
                        + "  7 deltabridge.* 539430 rows/s 2.01 µs CPU/record;  no headers 809916 rows/s 1.39 µs CPU/record;",
                "run 2:  7 deltabridge.* 567831 rows/s 2.08 µs CPU/record;  no headers 844887 rows/s 1.24 µs CPU/record;"
                        + "  13 headers (SPEC §7) 457879 rows/s 2.11 µs CPU/record;",
                "medians of 2, 1000000 rows each:",
                "  13 headers (SPEC §7)       368,742 rows/s   2.79 µs producer CPU/record",
                "  7 deltabridge.*            553,631 rows/s   2.05 µs producer CPU/record",
                "  no headers                 827,401 rows/s   1.32 µs producer CPU/record");
        List<double[]> runs = BenchOutput.headerRuns(out);
        assertEquals(2, runs.size());
        assertArrayEquals(new double[] {279606, 539430, 809916}, runs.get(0));
        assertArrayEquals(new double[] {457879, 567831, 844887}, runs.get(1));
    }

    @Test
    void aMissingMedianIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> BenchOutput.startMedians("run 1: bin/bridge failed"));
    }
}
