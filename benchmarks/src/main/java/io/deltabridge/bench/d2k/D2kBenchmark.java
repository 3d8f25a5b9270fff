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
 * Options: {@code --rows --big-rows --formats --reps --xmx --jvm --partitions --work}; {@code --alt-jvm "FLAGS"}
 * follows each measured run with one whose JVM also has FLAGS (e.g. a setting switched off, or
 * {@code -Dbench.headers=lineage} for the lighter header set), alternating, so both see the same machine load;
 * {@code --small-versions N}
 * instead times a backfill of N versions of 10 rows, one transaction per version against grouped versions.
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
        // a small heap; the collector is the options file's (MeasuredJava.flags)
        List<String> jvm = MeasuredJava.flags(opt);
        int reps = Integer.parseInt(opt.getOrDefault("reps", "2"));
        List<String> formats = List.of(opt.getOrDefault("formats", "json,avro").split(","));
        List<String> altJvm =
                opt.containsKey("alt-jvm") ? List.of(opt.get("alt-jvm").split(" ")) : List.of();
        Path work = Path.of(opt.getOrDefault("work", System.getProperty("java.io.tmpdir") + "/deltabridge-bench"));
        int smallVersions = Integer.parseInt(opt.getOrDefault("small-versions", "0"));
        if (smallVersions > 0) {
            smallVersions(smallVersions, reps, jvm, xmx, partitions, work);
            return;
        }

        Path table = ensureTable(work.resolve("insights-" + rows), rows, true);
        Path big = bigRows > 0 ? ensureTable(work.resolve("insights-single-" + bigRows), bigRows, false) : null;

        // like the broker, the registry is a process of its own: its memory and CPU are not the bridge's
        try (BrokerProcess broker = BrokerProcess.start();
                ApicurioRegistry registry = formats.contains("avro") ? ApicurioRegistry.start() : null) {
            String registryUrl = registry == null ? null : registry.confluentUrl();
            String bootstrap = broker.bootstrapServers();
            List<String> lines = new ArrayList<>();
            lines.add(header());
            int seq = 0;
            List<String> recording = MeasuredJava.aotRecording();
            if (!recording.isEmpty()) {
                String topic = "bench-aot-recording";
                broker.createTopic(topic, partitions, Map.of());
                List<String> recordingJvm = new ArrayList<>(jvm);
                recordingJvm.addAll(recording);
                Measured first = measure(recordingJvm, xmx, bootstrap, table, topic, formats.get(0), registryUrl);
                // its wall time includes the JVM assembling the cache as it exits
                System.out.println(first.line("recording the AOT cache"));
            }
            for (String format : formats) {
                String topic = null;
                for (int r = 1; r <= reps; r++) {
                    topic = "bench-" + format + "-" + (++seq);
                    broker.createTopic(topic, partitions, Map.of());
                    lines.add(run(
                            format + " " + rows + " rows (-Xmx" + xmx + ") #" + r,
                            jvm,
                            xmx,
                            bootstrap,
                            table,
                            topic,
                            format,
                            registryUrl));
                    if (!altJvm.isEmpty()) {
                        String altTopic = "bench-" + format + "-" + (++seq);
                        broker.createTopic(altTopic, partitions, Map.of());
                        List<String> both = new ArrayList<>(jvm);
                        both.addAll(altJvm);
                        lines.add(run(
                                format + " " + rows + " rows " + String.join(" ", altJvm) + " #" + r,
                                both,
                                xmx,
                                bootstrap,
                                table,
                                altTopic,
                                format,
                                registryUrl));
                    }
                }
                // the same mapping again: everything is published, so this is the fixed cost of a --once run
                lines.add(
                        run(format + " again, nothing to do", jvm, xmx, bootstrap, table, topic, format, registryUrl));
            }
            if (big != null) {
                String topic = "bench-big-" + (++seq);
                broker.createTopic(topic, partitions, Map.of());
                lines.add(run(
                        "json " + bigRows + "-row version (-Xmx512m)",
                        jvm,
                        "512m",
                        bootstrap,
                        big,
                        topic,
                        "json",
                        null));
            }
            System.out.println();
            System.out.println("publish JVM: " + MeasuredJava.describe(jvm) + "; machine load average at the end: "
                    + java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
            lines.forEach(System.out::println);
        }
    }

    /**
     * A backfill of {@code versions} versions of 10 rows each, published once per transaction (as before
     * versions were grouped: {@code max-transaction-records} = 10) and grouped (the default), alternately,
     * {@code reps} times each; prints each run and the medians.
     */
    private static void smallVersions(int versions, int reps, List<String> jvm, String xmx, int partitions, Path work)
            throws Exception {
        Path table = ensureSmallVersions(work.resolve("small-versions-" + versions), versions);
        Map<String, List<String>> settings = new LinkedHashMap<>();
        settings.put(
                "one transaction per version",
                List.of("-D" + PublishOnce.MAX_TRANSACTION_RECORDS + "=" + SMALL_VERSION_ROWS));
        settings.put("versions grouped (default)", List.of());
        try (BrokerProcess broker = BrokerProcess.start()) {
            List<String> lines = new ArrayList<>();
            lines.add(header());
            Map<String, List<Measured>> runs = new LinkedHashMap<>();
            int seq = 0;
            for (int r = 1; r <= reps; r++) {
                for (Map.Entry<String, List<String>> setting : settings.entrySet()) {
                    String topic = "bench-small-" + (++seq);
                    broker.createTopic(topic, partitions, Map.of());
                    List<String> runJvm = new ArrayList<>(jvm);
                    runJvm.addAll(setting.getValue());
                    Measured m = measure(runJvm, xmx, broker.bootstrapServers(), table, topic, "json", null);
                    runs.computeIfAbsent(setting.getKey(), k -> new ArrayList<>())
                            .add(m);
                    lines.add(m.line(setting.getKey() + " #" + r));
                    System.out.println(lines.get(lines.size() - 1));
                }
            }
            System.out.println();
            System.out.println("json, " + versions + " versions of " + SMALL_VERSION_ROWS + " rows, medians of " + reps
                    + " runs; publish JVM: " + MeasuredJava.describe(jvm) + "; load average at the end: "
                    + java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
            System.out.println(header());
            runs.forEach((name, measured) ->
                    System.out.println(Measured.median(measured).line(name + " (median)")));
        }
    }

    private static final int SMALL_VERSION_ROWS = 10;

    /**
     * Version 0 creates the insights table, version 1 inserts 10 rows ({@link InsightsTable}, two files), and each
     * later version adds copies of version 1's files in a commit like version 1's: the same 10 rows again, written in
     * seconds where 10,000 Kernel commits (a snapshot and a growing checkpoint every few) take about an hour.
     */
    private static Path ensureSmallVersions(Path dir, int versions) throws IOException {
        Path log = dir.resolve("_delta_log");
        if (Files.isDirectory(log)) {
            return dir;
        }
        long t0 = System.nanoTime();
        InsightsTable.create(dir, SMALL_VERSION_ROWS);
        List<String> first = Files.readAllLines(log.resolve(commitFile(1)));
        java.util.regex.Matcher stamp =
                java.util.regex.Pattern.compile("\"timestamp\":(\\d+)").matcher(first.get(0));
        long timestamp = stamp.find() ? Long.parseLong(stamp.group(1)) : System.currentTimeMillis();
        java.util.regex.Pattern path = java.util.regex.Pattern.compile("\"path\":\"([^\"]+)\"");
        for (int v = 2; v < versions; v++) {
            List<String> commit = new ArrayList<>();
            for (String line : first) {
                java.util.regex.Matcher added = path.matcher(line);
                if (line.startsWith("{\"commitInfo\"")) {
                    line = line.replace("\"timestamp\":" + timestamp, "\"timestamp\":" + (timestamp + v));
                } else if (added.find()) {
                    String copy = java.util.UUID.randomUUID() + "-000.parquet";
                    Files.copy(dir.resolve(added.group(1)), dir.resolve(copy));
                    line = line.replace(added.group(1), copy);
                }
                commit.add(line);
            }
            Files.write(log.resolve(commitFile(v)), commit, java.nio.file.StandardOpenOption.CREATE_NEW);
        }
        System.out.printf(
                Locale.ROOT, "created %s (%d versions) in %.1f s%n", dir, versions, (System.nanoTime() - t0) / 1e9);
        return dir;
    }

    private static String commitFile(long version) {
        return String.format(Locale.ROOT, "%020d.json", version);
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

    /** One measured {@link PublishOnce} process, printed; {@code registryUrl} is null for json. */
    private static String run(
            String name,
            List<String> jvm,
            String xmx,
            String bootstrap,
            Path table,
            String topic,
            String format,
            String registryUrl)
            throws IOException, InterruptedException {
        String line =
                measure(jvm, xmx, bootstrap, table, topic, format, registryUrl).line(name);
        System.out.println(line);
        return line;
    }

    private static String header() {
        return String.format(
                Locale.ROOT,
                "%-34s %10s %10s %8s %8s %9s %9s %9s %7s",
                "run",
                "records",
                "rows/s(q)",
                "MiB/s(q)",
                "query s",
                "wall s",
                "RSS MiB",
                "heap MiB",
                "CPU s");
    }

    /** Runs {@link PublishOnce} in a JVM of its own under {@code /usr/bin/time -v}. */
    private static Measured measure(
            List<String> jvm, String xmx, String bootstrap, Path table, String topic, String format, String registryUrl)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-v"));
        List<String> args = new ArrayList<>(List.of(bootstrap, table.toString(), topic, format));
        if (registryUrl != null) {
            args.add(registryUrl);
        }
        List<String> java = java(xmx, PublishOnce.class.getName(), args.toArray(String[]::new))
                .command();
        cmd.addAll(MeasuredJava.command());
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
            throw new IllegalStateException(String.join(" ", args) + " failed (exit " + exit + "):\n" + stderr);
        }
        Map<String, String> r = options(result.substring(7).replace("=", " ").split(" "), "");
        long rssKiB = stderr.lines()
                .filter(l -> l.contains("Maximum resident set size"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                .findFirst()
                .orElse(-1);
        return new Measured(
                Long.parseLong(r.get("records")),
                Long.parseLong(r.get("bytes")),
                Double.parseDouble(r.get("query_s")),
                wall,
                rssKiB / 1024.0,
                Double.parseDouble(r.get("heap_peak_mib")),
                Double.parseDouble(r.get("cpu_s")));
    }

    /** What one publish run took: the query (the pipeline's run), the process's wall time, peak RSS, heap, CPU. */
    private record Measured(
            long records, long bytes, double query, double wall, double rssMiB, double heapMiB, double cpu) {
        String line(String name) {
            return String.format(
                    Locale.ROOT,
                    "%-34s %10d %10.0f %8.1f %8.2f %9.2f %9.0f %9.1f %7.2f",
                    name,
                    records,
                    records / query,
                    bytes / 1048576.0 / query,
                    query,
                    wall,
                    rssMiB,
                    heapMiB,
                    cpu);
        }

        /** Each figure's median over the runs. */
        static Measured median(List<Measured> runs) {
            return new Measured(
                    runs.get(0).records(),
                    runs.get(0).bytes(),
                    median(runs, Measured::query),
                    median(runs, Measured::wall),
                    median(runs, Measured::rssMiB),
                    median(runs, Measured::heapMiB),
                    median(runs, Measured::cpu));
        }

        private static double median(List<Measured> runs, java.util.function.ToDoubleFunction<Measured> figure) {
            double[] sorted = runs.stream().mapToDouble(figure).sorted().toArray();
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
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
