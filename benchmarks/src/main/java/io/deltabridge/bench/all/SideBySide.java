package io.deltabridge.bench.all;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltabridge.bench.all.Step.Ratio;
import io.deltabridge.bench.all.Step.Target;
import io.deltabridge.bench.headers.HeaderCost;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The side-by-side table of benchmarks/run-all.sh: reads what the project's benchmarks printed and peer-bench's
 * results JSON from {@code <dir>/logs} and {@code <dir>/peer-bench.json}, takes the median of the repetitions of
 * every figure (bridge, Spark and raw Kafka limits alike), and writes {@code <dir>/results.json} and
 * {@code <dir>/results.md} (also printed) with the bridge / Spark and bridge / raw-limit ratios and each target of
 * issue 11 met or missed. Usage: {@code SideBySide <dir>}.
 */
public final class SideBySide {
    private final Path logs;
    private final PeerResults peer;
    /** Every run's figure, by name, for results.json. */
    private final Map<String, double[]> runs = new LinkedHashMap<>();

    private SideBySide(Path dir) throws IOException {
        this.logs = dir.resolve("logs");
        this.peer = PeerResults.read(dir.resolve("peer-bench.json"));
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        SideBySide table = new SideBySide(dir);
        List<Step> steps = table.steps();
        Properties meta = table.meta();
        String markdown = table.markdown(steps, meta);
        Files.writeString(dir.resolve("results.md"), markdown);
        table.writeJson(steps, meta, dir.resolve("results.json"));
        System.out.print(markdown);
    }

    private List<Step> steps() throws IOException {
        List<double[]> d2k = BenchOutput.runs(read("d2k"), BenchOutput.D2K_RUN);
        List<double[]> k2d = BenchOutput.runs(read("k2d"), BenchOutput.K2D_RUN);
        double[] start = BenchOutput.startMedians(read("start"));
        double[] latency = BenchOutput.latencyMedians(read("latency"));
        List<double[]> headers = BenchOutput.headerRuns(read("headers"));
        double d2kRate = ours("d2k_rows_per_s", d2k, BenchOutput.RATE);
        double producerAlone =
                ours("producer_alone_13_headers_rows_per_s", headers, HeaderCost.SETS.indexOf(HeaderCost.ALL));
        return List.of(
                Step.rate(
                        "delta → kafka, JSON, rows/s",
                        d2kRate,
                        peerBench("spark_d2k_rows_per_s", "peerA", "rows_per_s_query"),
                        "batched producer (linger 10 ms, 256 KiB batches)",
                        peerBench("raw_producer_batched_rows_per_s", "limit_producer_batched", "rows_per_s_query"),
                        Target.timesSpark(5),
                        Target.shareOfRaw(0.85)),
                // Kafka's producer doing nothing else: about the most any client publishes of the contract's events
                Step.rate(
                        "delta → kafka, JSON, rows/s, against the producer alone",
                        d2kRate,
                        Double.NaN,
                        "producer alone: the bridge's events and settings, SPEC §7's 13 headers",
                        producerAlone),
                Step.rate(
                        "producer alone, the bridge's events, rows/s: 13 headers against none",
                        producerAlone,
                        Double.NaN,
                        "the same events without headers",
                        ours(
                                "producer_alone_no_headers_rows_per_s",
                                headers,
                                HeaderCost.SETS.indexOf(HeaderCost.NONE))),
                Step.rate(
                        "kafka → delta, JSON, rows/s",
                        ours("k2d_rows_per_s", k2d, BenchOutput.RATE),
                        peerBench("spark_k2d_rows_per_s", "peerB", "rows_per_s_query"),
                        "consumer",
                        peerBench("raw_consumer_rows_per_s", "limit_consumer", "rows_per_s_query"),
                        Target.timesSpark(5)),
                Step.share(
                        "peak RSS, delta → kafka, MiB",
                        ours("d2k_peak_rss_mib", d2k, BenchOutput.RSS),
                        peerBench("spark_d2k_peak_rss_mib", "peerA", "peak_rss_mib"),
                        Target.shareOfSpark(0.25)),
                Step.share(
                        "peak RSS, kafka → delta, MiB",
                        ours("k2d_peak_rss_mib", k2d, BenchOutput.RSS),
                        peerBench("spark_k2d_peak_rss_mib", "peerB", "peak_rss_mib"),
                        Target.shareOfSpark(0.25)),
                Step.share(
                        "CPU s, delta → kafka",
                        ours("d2k_cpu_s", d2k, BenchOutput.CPU),
                        peerBench("spark_d2k_cpu_s", "peerA", "cpu_s")),
                Step.share(
                        "CPU s, kafka → delta",
                        ours("k2d_cpu_s", k2d, BenchOutput.CPU),
                        peerBench("spark_k2d_cpu_s", "peerB", "cpu_s")),
                Step.share(
                        "`run --once`, nothing to do, wall s, `bin/bridge`",
                        start[0],
                        Double.NaN,
                        Target.atMost(1.5, "s")),
                Step.share(
                        "`run --once`, nothing to do, wall s, `java -jar`",
                        start[1],
                        Double.NaN,
                        Target.atMost(1.5, "s")),
                Step.share(
                        "continuous latency p99 per event, ms, 1 commit/s, default settings",
                        latency[2],
                        peer.value("latency", "lat_p99_ms"),
                        Target.atMost(150, "ms")));
    }

    /** The median of one figure of a project benchmark's runs (all runs kept for results.json). */
    private double ours(String name, List<double[]> figures, int figure) {
        return median(name, figures.stream().mapToDouble(f -> f[figure]).toArray());
    }

    /** The median of one figure of a peer-bench step's repetitions. */
    private double peerBench(String name, String step, String key) {
        return median(name, peer.reps(step, key));
    }

    private double median(String name, double[] values) {
        runs.put(name, values);
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private String read(String step) throws IOException {
        return Files.readString(logs.resolve(step + ".out"));
    }

    /** What run-all.sh wrote about the machine and the run (command, dates, load averages). */
    private Properties meta() throws IOException {
        Properties meta = new Properties();
        try (Reader in = Files.newBufferedReader(logs.resolve("meta.properties"), StandardCharsets.UTF_8)) {
            meta.load(in);
        }
        meta.setProperty("spark_version", peer.text("meta", "spark_version"));
        meta.setProperty("delta_version", peer.text("meta", "delta_version"));
        meta.setProperty("kafka_version", peer.text("meta", "kafka_version"));
        return meta;
    }

    private String markdown(List<Step> steps, Properties meta) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "Machine: %s; %s, %s; the bridge's delta → kafka, kafka → delta and start runs on %s.%n"
                        + "Run: %s – %s, load average (1, 5, 15 min) %s at the start, %s at the end.%n"
                        + "Command: `%s`; %s-row insights workload, medians of %s run(s) of each step"
                        + " (bridge, Spark and raw limits alike; Spark's latency: one run).%n",
                meta.getProperty("machine"),
                meta.getProperty("os"),
                meta.getProperty("java"),
                meta.getProperty("bridge_java", meta.getProperty("java")),
                meta.getProperty("started"),
                meta.getProperty("finished"),
                meta.getProperty("load_start"),
                meta.getProperty("load_end"),
                meta.getProperty("command"),
                meta.getProperty("rows"),
                meta.getProperty("reps")));
        md.append(String.format(
                Locale.ROOT,
                "1-min load average as each step began: d2k %s, headers %s, k2d %s, start %s, latency %s,"
                        + " Spark and raw limits %s.%n%n",
                meta.getProperty("step_load_d2k"),
                meta.getProperty("step_load_headers"),
                meta.getProperty("step_load_k2d"),
                meta.getProperty("step_load_start"),
                meta.getProperty("step_load_latency"),
                meta.getProperty("step_load_peer")));
        md.append(String.format(
                Locale.ROOT,
                "| step | deltabridge | Spark %s + Delta %s | bridge / Spark | raw Kafka limit (same broker) |"
                        + " bridge / raw | target | |%n",
                meta.getProperty("spark_version"),
                meta.getProperty("delta_version")));
        md.append("|---|---:|---:|---:|---|---:|---|---|\n");
        for (Step s : steps) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    s.name(),
                    Step.number(s.bridge()),
                    Step.number(s.spark()),
                    s.ratio().format(s.perSpark()),
                    Double.isNaN(s.raw()) ? "" : s.rawName() + " " + Step.number(s.raw()),
                    Ratio.PERCENT.format(s.perRaw()),
                    s.targetText(),
                    s.verdict().equals("met") ? "**met**" : s.verdict()));
        }
        return md.toString();
    }

    private void writeJson(List<Step> steps, Properties meta, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode doc = json.createObjectNode();
        ObjectNode m = doc.putObject("meta");
        meta.stringPropertyNames().stream().sorted().forEach(k -> m.put(k, meta.getProperty(k)));
        ArrayNode rows = doc.putArray("steps");
        for (Step s : steps) {
            ObjectNode row = rows.addObject();
            row.put("step", s.name());
            putNumber(row, "bridge", s.bridge());
            putNumber(row, "spark", s.spark());
            putNumber(row, "bridge_per_spark", s.perSpark());
            if (!Double.isNaN(s.raw())) {
                row.put("raw_limit_name", s.rawName());
                putNumber(row, "raw_limit", s.raw());
                putNumber(row, "bridge_per_raw_limit", s.perRaw());
            }
            row.put("target", s.targetText());
            row.put("verdict", s.verdict());
        }
        ObjectNode all = doc.putObject("runs");
        runs.forEach((name, values) -> {
            ArrayNode a = all.putArray(name);
            Arrays.stream(values).forEach(a::add);
        });
        json.writeValue(file.toFile(), doc);
    }

    private static void putNumber(ObjectNode node, String key, double v) {
        if (!Double.isNaN(v)) {
            node.put(key, Math.round(v * 1000) / 1000.0);
        }
    }
}
