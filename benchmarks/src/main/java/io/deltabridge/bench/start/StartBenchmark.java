package io.deltabridge.bench.start;

import io.deltabridge.bench.d2k.BrokerProcess;
import io.deltabridge.bench.d2k.D2kBenchmark;
import io.deltabridge.embedded.InsightsTable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of {@code bridge run --once} with nothing to do, JVM start included, as users run it:
 * {@code bin/bridge} of the unpacked distribution (with its class-data-sharing archive, made by its
 * first run) and {@code java -jar bridge.jar}. One delta → kafka mapping of a small insights table
 * whose versions are all published (the first, untimed run publishes them), the broker in a JVM of
 * its own. Prints every run and the median per launcher. Run with {@code benchmarks/run-start.sh}.
 */
public final class StartBenchmark {
    private StartBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = D2kBenchmark.options(args);
        int reps = Integer.parseInt(opt.getOrDefault("reps", "7"));
        Path dist = Path.of(opt.getOrDefault("dist", "target/start-bench/dist")).toAbsolutePath();
        Path jar = Path.of(opt.getOrDefault("jar", "cli/target/bridge.jar")).toAbsolutePath();
        Path work = Files.createDirectories(
                Path.of(opt.getOrDefault("work", System.getProperty("java.io.tmpdir") + "/deltabridge-bench"))
                        .resolve("start-" + System.currentTimeMillis()));
        Path table = InsightsTable.create(work.resolve("table"), 1000).path();

        try (BrokerProcess broker = BrokerProcess.start()) {
            Path config = work.resolve("bridge.yaml");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "name: start-bench",
                            "kafka: { bootstrap.servers: '" + broker.bootstrapServers() + "' }",
                            "mappings:",
                            "  - name: start-out",
                            "    from: { delta: '" + table + "' }",
                            "    to: { kafka: start-out }",
                            "    key: [id]",
                            "    changes: [insert, update, delete]",
                            ""));
            List<String> bin = List.of(dist.resolve("bin/bridge").toString(), "run", "--once", "-c", config.toString());
            List<String> javaJar = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    jar.toString(),
                    "run",
                    "--once",
                    "-c",
                    config.toString());
            // publishes the table's versions, and makes bin/bridge's class-data-sharing archive
            run(bin, work);
            run(bin, work);
            double[][] binTimes = new double[2][reps];
            double[][] jarTimes = new double[2][reps];
            for (int i = 0; i < reps; i++) {
                measure(bin, work, binTimes, i);
                measure(javaJar, work, jarTimes, i);
                System.out.printf(
                        Locale.ROOT,
                        "run %d: bin/bridge %.2f s wall %.2f s CPU, java -jar %.2f s wall %.2f s CPU%n",
                        i + 1,
                        binTimes[0][i],
                        binTimes[1][i],
                        jarTimes[0][i],
                        jarTimes[1][i]);
            }
            System.out.printf(
                    Locale.ROOT,
                    "median of %d: bin/bridge %.2f s wall %.2f s CPU, java -jar %.2f s wall %.2f s CPU"
                            + " (JVM start to exit; CPU: user + system)%n",
                    reps,
                    median(binTimes[0]),
                    median(binTimes[1]),
                    median(jarTimes[0]),
                    median(jarTimes[1]));
            System.out.println("machine load average at the end: "
                    + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Runs the command under {@code /usr/bin/time}: wall seconds into {@code times[0][i]}, CPU seconds into {@code times[1][i]}. */
    private static void measure(List<String> command, Path work, double[][] times, int i)
            throws IOException, InterruptedException {
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "cpu_s %U %S"));
        timed.addAll(command);
        times[0][i] = run(timed, work);
        String[] cpu = Files.readAllLines(work.resolve("last-run.log")).stream()
                .filter(l -> l.startsWith("cpu_s "))
                .reduce((a, b) -> b)
                .orElseThrow()
                .split(" ");
        times[1][i] = Double.parseDouble(cpu[1]) + Double.parseDouble(cpu[2]);
    }

    /** Runs the command to its end; the wall time in seconds. Fails unless it exits 0. */
    private static double run(List<String> command, Path work) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("last-run.log").toFile());
        // the CDS archive of bin/bridge goes into this run's directory, not the user's cache
        pb.environment().put("XDG_CACHE_HOME", work.resolve("cache").toString());
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
                    command + " exited " + p.exitValue() + ":\n" + Files.readString(work.resolve("last-run.log")));
        }
        return seconds;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
