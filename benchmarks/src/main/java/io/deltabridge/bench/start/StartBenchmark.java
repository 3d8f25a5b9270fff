package io.deltabridge.bench.start;

import io.deltabridge.bench.MeasuredJava;
import io.deltabridge.bench.d2k.BrokerProcess;
import io.deltabridge.bench.d2k.D2kBenchmark;
import io.deltabridge.bench.k2d.ConsumeOnce;
import io.deltabridge.bench.k2d.K2dBenchmark;
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
 * {@code bin/bridge} of the unpacked distribution (with its class archive, made by its first runs: a CDS archive, on
 * Java 25+ an AOT cache) and {@code java -jar bridge.jar}, both on the JDK of {@code BENCH_JAVA_HOME} if set; with {@code --before-dist} / {@code --before-jar},
 * also those of an earlier build, alternately in the same run. One delta → kafka mapping of a small
 * insights table whose versions are all published and one kafka → delta mapping of a topic whose
 * records are all in its table (the first, untimed runs do that), the broker in a JVM of its own.
 * Prints every run and the median per launcher. Run with {@code benchmarks/run-start.sh}.
 */
public final class StartBenchmark {
    private static final int ROWS = 1000;

    private StartBenchmark() {}

    /** One way to start the bridge; {@code cache} holds its class-data-sharing archive, if it makes one. */
    private record Launcher(String name, List<String> command, Path cache, double[] wall, double[] cpu) {
        Launcher(String name, List<String> command, Path cache, int reps) {
            this(name, command, cache, new double[reps], new double[reps]);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = D2kBenchmark.options(args);
        int reps = Integer.parseInt(opt.getOrDefault("reps", "7"));
        Path work = Files.createDirectories(
                Path.of(opt.getOrDefault("work", System.getProperty("java.io.tmpdir") + "/deltabridge-bench"))
                        .resolve("start-" + System.currentTimeMillis()));
        Path table = InsightsTable.create(work.resolve("table"), ROWS).path();

        try (BrokerProcess broker = BrokerProcess.start()) {
            broker.createTopic("start-in", 1, Map.of());
            K2dBenchmark.produce(broker.bootstrapServers(), "start-in", ROWS, "json");
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
                            "  - name: start-in",
                            "    from: { kafka: start-in }",
                            "    to:",
                            "      delta: '" + work.resolve("table-in") + "'",
                            "      create: true",
                            "      schema: '" + ConsumeOnce.INSIGHTS_DDL + "'",
                            "    format: json",
                            ""));
            List<String> runOnce = List.of("run", "--once", "-c", config.toString());
            List<Launcher> launchers = new ArrayList<>();
            if (opt.containsKey("before-dist")) {
                launchers.add(binBridge("before: bin/bridge", Path.of(opt.get("before-dist")), runOnce, work, reps));
                launchers.add(javaJar("before: java -jar", Path.of(opt.get("before-jar")), runOnce, reps));
            }
            launchers.add(binBridge(
                    "bin/bridge", Path.of(opt.getOrDefault("dist", "target/start-bench/dist")), runOnce, work, reps));
            launchers.add(
                    javaJar("java -jar", Path.of(opt.getOrDefault("jar", "cli/target/bridge.jar")), runOnce, reps));
            // the first run publishes the table's versions and fills the kafka → delta table; the first of
            // each bin/bridge makes its class-data-sharing archive, as a user's first run does
            for (Launcher l : launchers) {
                run(l.command(), l.cache(), work);
                run(l.command(), l.cache(), work);
            }
            for (int i = 0; i < reps; i++) {
                StringBuilder line = new StringBuilder("run " + (i + 1) + ":");
                for (Launcher l : launchers) {
                    measure(l, work, i);
                    line.append(String.format(
                            Locale.ROOT, "  %s %.2f s wall %.2f s CPU;", l.name(), l.wall()[i], l.cpu()[i]));
                }
                System.out.println(line);
            }
            System.out.printf(Locale.ROOT, "median of %d (JVM start to exit; CPU: user + system):%n", reps);
            for (Launcher l : launchers) {
                System.out.printf(
                        Locale.ROOT,
                        "  %-20s %.2f s wall (%.2f–%.2f)  %.2f s CPU (%.2f–%.2f)%n",
                        l.name(),
                        median(l.wall()),
                        min(l.wall()),
                        max(l.wall()),
                        median(l.cpu()),
                        min(l.cpu()),
                        max(l.cpu()));
            }
            System.out.println("machine load average at the end: "
                    + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static Launcher binBridge(String name, Path dist, List<String> args, Path work, int reps) {
        List<String> command = new ArrayList<>(
                List.of(dist.toAbsolutePath().resolve("bin/bridge").toString()));
        command.addAll(args);
        // the CDS archive goes into this run's directory, not the user's cache
        return new Launcher(name, command, work.resolve("cache-" + name.replaceAll("[^a-z]", "")), reps);
    }

    private static Launcher javaJar(String name, Path jar, List<String> args, int reps) {
        List<String> command = new ArrayList<>(List.of(
                MeasuredJava.javaHome().resolve("bin/java").toString(),
                "-jar",
                jar.toAbsolutePath().toString()));
        command.addAll(args);
        return new Launcher(name, command, null, reps);
    }

    /** Runs the launcher under {@code /usr/bin/time}: wall and CPU seconds of run {@code i}. */
    private static void measure(Launcher launcher, Path work, int i) throws IOException, InterruptedException {
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "cpu_s %U %S"));
        timed.addAll(launcher.command());
        launcher.wall()[i] = run(timed, launcher.cache(), work);
        String[] cpu = Files.readAllLines(work.resolve("last-run.log")).stream()
                .filter(l -> l.startsWith("cpu_s "))
                .reduce((a, b) -> b)
                .orElseThrow()
                .split(" ");
        launcher.cpu()[i] = Double.parseDouble(cpu[1]) + Double.parseDouble(cpu[2]);
    }

    /** Runs the command to its end; the wall time in seconds. Fails unless it exits 0. */
    private static double run(List<String> command, Path cache, Path work) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("last-run.log").toFile());
        if (cache != null) {
            pb.environment().put("XDG_CACHE_HOME", cache.toString());
            pb.environment().put("JAVA_HOME", MeasuredJava.javaHome().toString());
        }
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

    /** The median of {@code values} (the mean of the middle two for an even count). */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
