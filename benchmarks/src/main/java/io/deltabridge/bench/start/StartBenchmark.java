package io.deltabridge.bench.start;

import io.deltabridge.bench.d2k.BrokerProcess;
import io.deltabridge.bench.d2k.D2kBenchmark;
import io.deltabridge.embedded.InsightsTable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path work = Files.createDirectories(Path.of(opt.getOrDefault("work",
                System.getProperty("java.io.tmpdir") + "/deltabridge-bench")).resolve("start-" + System.currentTimeMillis()));
        Path table = InsightsTable.create(work.resolve("table"), 1000).path();

        try (BrokerProcess broker = BrokerProcess.start()) {
            Path config = work.resolve("bridge.yaml");
            Files.writeString(config, String.join("\n",
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
            List<String> javaJar = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    jar.toString(), "run", "--once", "-c", config.toString());
            // publishes the table's versions, and makes bin/bridge's class-data-sharing archive
            run(bin, work);
            run(bin, work);
            double[] binTimes = new double[reps];
            double[] jarTimes = new double[reps];
            for (int i = 0; i < reps; i++) {
                binTimes[i] = run(bin, work);
                jarTimes[i] = run(javaJar, work);
                System.out.printf(Locale.ROOT, "run %d: bin/bridge %.2f s, java -jar %.2f s%n", i + 1, binTimes[i], jarTimes[i]);
            }
            System.out.printf(Locale.ROOT, "median of %d: bin/bridge %.2f s, java -jar %.2f s (wall, JVM start to exit)%n",
                    reps, median(binTimes), median(jarTimes));
            System.out.println("machine load average at the end: "
                    + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Runs the command to its end; the wall time in seconds. Fails unless it exits 0. */
    private static double run(List<String> command, Path work) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
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
            throw new IllegalStateException(command + " exited " + p.exitValue() + ":\n"
                    + Files.readString(work.resolve("last-run.log")));
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
