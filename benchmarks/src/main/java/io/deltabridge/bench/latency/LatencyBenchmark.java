package io.deltabridge.bench.latency;

import io.deltabridge.bench.d2k.BrokerProcess;
import io.deltabridge.bench.d2k.D2kBenchmark;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * delta → kafka latency in continuous mode, measured as peer-bench measures Spark's continuous
 * CDF → Kafka query: a writer commits {@code --rows} rows every {@code --interval-ms} (after
 * {@code --warmup} warm-up commits, {@code --commits} measured ones); latency = the broker's
 * append time ({@code LogAppendTime}) − the Delta commit timestamp of the event's version.
 * The broker runs in its own JVM; pipeline, writer and the measuring consumer share this one.
 * Every repetition ({@code --reps}) runs once per polling ({@code --poll-ms fixed1000,1000}: {@code poll-interval}
 * 1 s looked at every second, and the default adaptive schedule with {@code poll-interval} 1 s).
 * Run with {@code benchmarks/run-latency.sh} (see docs/benchmarks.md).
 */
public final class LatencyBenchmark {
    private LatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = D2kBenchmark.options(args);
        LatencyRun.Workload workload = new LatencyRun.Workload(
                Integer.parseInt(opt.getOrDefault("commits", "30")),
                Integer.parseInt(opt.getOrDefault("rows", "1000")),
                Long.parseLong(opt.getOrDefault("interval-ms", "1000")),
                Integer.parseInt(opt.getOrDefault("warmup", "10")),
                Integer.parseInt(opt.getOrDefault("partitions", "6")));
        List<LatencyRun.Polling> polls = Arrays.stream(
                        opt.getOrDefault("poll-ms", "fixed1000,1000").split(","))
                .map(spec -> LatencyRun.Polling.parse(spec.trim()))
                .toList();
        int reps = Integer.parseInt(opt.getOrDefault("reps", "2"));
        Path work = Files.createDirectories(
                        Path.of(opt.getOrDefault("work", System.getProperty("java.io.tmpdir") + "/deltabridge-bench")))
                .resolve("latency-" + System.currentTimeMillis());

        System.out.printf(
                Locale.ROOT,
                "%d commits x %d rows every %d ms after %d warm-up commits, %d partitions%n",
                workload.commits(),
                workload.rowsPerCommit(),
                workload.intervalMs(),
                workload.warmup(),
                workload.partitions());
        List<LatencyRun.Result> results = new ArrayList<>();
        try (BrokerProcess broker = BrokerProcess.start()) {
            int seq = 0;
            for (int r = 1; r <= reps; r++) {
                for (LatencyRun.Polling poll : polls) {
                    String name = "latency-" + (++seq);
                    LatencyRun.Result result = LatencyRun.run(broker, work.resolve(name), name, workload, poll);
                    results.add(result);
                    print("poll " + poll + " #" + r, result);
                }
            }
        } finally {
            deleteRecursively(work);
        }
        System.out.println();
        System.out.println("medians over the repetitions:");
        for (LatencyRun.Polling poll : polls) {
            List<LatencyRun.Result> same =
                    results.stream().filter(x -> x.polling().equals(poll)).toList();
            System.out.printf(
                    Locale.ROOT,
                    "poll %-13s per event   p50 %4d  p90 %4d  p99 %4d  max %4d ms%n",
                    poll,
                    median(same, x -> x.events().p50()),
                    median(same, x -> x.events().p90()),
                    median(same, x -> x.events().p99()),
                    median(same, x -> x.events().max()));
            System.out.printf(
                    Locale.ROOT,
                    "poll %-13s per version p50 %4d  p90 %4d  p99 %4d  max %4d ms%n",
                    poll,
                    median(same, x -> x.versions().p50()),
                    median(same, x -> x.versions().p90()),
                    median(same, x -> x.versions().p99()),
                    median(same, x -> x.versions().max()));
        }
        System.out.println("machine load average at the end: "
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void print(String name, LatencyRun.Result r) {
        System.out.printf(Locale.ROOT, "%-24s per event   %s%n", name, r.events());
        System.out.printf(Locale.ROOT, "%-24s per version %s%n", "", r.versions());
        System.out.printf(
                Locale.ROOT,
                "%-24s writer commit %s; JVM CPU %.1f s in %.1f s; load average %.2f%n",
                "",
                r.commits(),
                r.cpuSeconds(),
                r.wallSeconds(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The median of one figure over the repetitions (the lower middle value for an even count). */
    private static long median(List<LatencyRun.Result> results, ToLongFunction<LatencyRun.Result> figure) {
        long[] values = results.stream().mapToLong(figure).sorted().toArray();
        return values[(values.length - 1) / 2];
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
