package io.deltabridge.bench.d2k;

import io.deltabridge.bench.MeasuredJava;
import io.deltabridge.embedded.InsightsTable;
import io.deltabridge.testkit.registry.ApicurioRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * delta → kafka benchmark on peer-bench's workload (insights table: N inserts, 10 % updated, 5 %
 * deleted): a broker in its own JVM, then each publish run in a fresh JVM under
 * {@code /usr/bin/time -v} (as peer-bench measures), printing rows/s, MiB/s, peak RSS and heap. Avro runs publish
 * to an Apicurio registry (Confluent API), also in a process of its own.
 * Options: {@code --rows --big-rows --formats --reps --xmx --jvm --partitions --work}.
 * Run with {@code benchmarks/run-d2k.sh} (see docs/benchmarks.md).
 */
public final class D2kBenchmark {
    private D2kBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        long rows = Long.parseLong(opt.getOrDefault("rows", "1000000"));
        long bigRows = Long.parseLong(opt.getOrDefault("big-rows", "5000000"));
        int partitions = Integer.parseInt(opt.getOrDefault("partitions", "6"));
        String xmx = opt.getOrDefault("xmx", "128m");
        // a small heap and the serial collector: the publisher keeps little live data, and G1's
        // bookkeeping costs both memory and CPU at this size
        List<String> jvm = List.of(opt.getOrDefault("jvm", "-XX:+UseSerialGC").split(" "));
        int reps = Integer.parseInt(opt.getOrDefault("reps", "2"));
        List<String> formats = List.of(opt.getOrDefault("formats", "json,avro").split(","));
        Path work = Path.of(opt.getOrDefault("work", System.getProperty("java.io.tmpdir") + "/deltabridge-bench"));

        Path table = ensureTable(work.resolve("insights-" + rows), rows, true);
        Path big = bigRows > 0 ? ensureTable(work.resolve("insights-single-" + bigRows), bigRows, false) : null;

        // like the broker, the registry is a process of its own: its memory and CPU are not the bridge's
        try (BrokerProcess broker = BrokerProcess.start();
             ApicurioRegistry registry = formats.contains("avro") ? ApicurioRegistry.start() : null) {
            String registryUrl = registry == null ? null : registry.confluentUrl();
            String bootstrap = broker.bootstrapServers();
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "%-34s %10s %10s %8s %8s %9s %9s %9s %7s",
                    "run", "records", "rows/s(q)", "MiB/s(q)", "query s", "wall s", "RSS MiB", "heap MiB", "CPU s"));
            int seq = 0;
            for (String format : formats) {
                String topic = null;
                for (int r = 1; r <= reps; r++) {
                    topic = "bench-" + format + "-" + (++seq);
                    broker.createTopic(topic, partitions, Map.of());
                    lines.add(run(format + " " + rows + " rows (-Xmx" + xmx + ") #" + r, jvm, xmx, bootstrap, table, topic,
                            format, registryUrl));
                }
                // the same mapping again: everything is published, so this is the fixed cost of a --once run
                lines.add(run(format + " again, nothing to do", jvm, xmx, bootstrap, table, topic, format, registryUrl));
            }
            if (big != null) {
                String topic = "bench-big-" + (++seq);
                broker.createTopic(topic, partitions, Map.of());
                lines.add(run("json " + bigRows + "-row version (-Xmx512m)", jvm, "512m", bootstrap, big, topic, "json", null));
            }
            System.out.println();
            System.out.println("publish JVM: " + String.join(" ", jvm) + "; machine load average at the end: "
                    + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            lines.forEach(System.out::println);
        }
    }

    private static Path ensureTable(Path dir, long rows, boolean workload) {
        if (Files.isDirectory(dir.resolve("_delta_log"))) {
            return dir;
        }
        long t0 = System.nanoTime();
        if (workload) {
            InsightsTable.createWorkload(dir, rows);
        } else {
            InsightsTable.create(dir, rows);
        }
        System.out.printf(Locale.ROOT, "created %s (%d rows) in %.1f s%n", dir, rows, (System.nanoTime() - t0) / 1e9);
        return dir;
    }

    /** One measured {@link PublishOnce} process; {@code registryUrl} is null for json. */
    private static String run(String name, List<String> jvm, String xmx, String bootstrap, Path table, String topic,
            String format, String registryUrl) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-v"));
        List<String> args = new ArrayList<>(List.of(bootstrap, table.toString(), topic, format));
        if (registryUrl != null) {
            args.add(registryUrl);
        }
        List<String> java = java(xmx, PublishOnce.class.getName(), args.toArray(String[]::new)).command();
        cmd.add(MeasuredJava.binary());
        cmd.addAll(jvm);
        cmd.addAll(java.subList(1, java.size()));
        Path errors = Files.createTempFile("d2k-bench", ".stderr");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(errors.toFile()).start();
        String stderr;
        String result = null;
        try (BufferedReader out = reader(p.getInputStream())) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        int exit = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        stderr = Files.readString(errors);
        Files.delete(errors);
        if (exit != 0 || result == null) {
            throw new IllegalStateException(name + " failed (exit " + exit + "):\n" + stderr);
        }
        Map<String, String> r = options(result.substring(7).replace("=", " ").split(" "), "");
        long rssKiB = stderr.lines().filter(l -> l.contains("Maximum resident set size"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1);
        long records = Long.parseLong(r.get("records"));
        double query = Double.parseDouble(r.get("query_s"));
        double mib = Long.parseLong(r.get("bytes")) / 1048576.0;
        String line = String.format(Locale.ROOT, "%-34s %10d %10.0f %8.1f %8.2f %9.2f %9.0f %9s %7s", name, records,
                records / query, mib / query, query, wall, rssKiB / 1024.0, r.get("heap_peak_mib"), r.get("cpu_s"));
        System.out.println(line);
        return line;
    }

    private static ProcessBuilder java(String xmx, String main, String... args) {
        return BrokerProcess.childJvm(xmx, main, args);
    }

    private static BufferedReader reader(java.io.InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** {@code --name value} pairs. */
    public static Map<String, String> options(String[] args) {
        return options(args, "--");
    }

    private static Map<String, String> options(String[] args, String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            m.put(args[i].substring(prefix.length()), args[i + 1]);
        }
        return m;
    }
}
