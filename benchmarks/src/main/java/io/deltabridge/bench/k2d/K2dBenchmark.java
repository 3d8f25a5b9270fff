package io.deltabridge.bench.k2d;

import io.delta.kernel.Scan;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.deltabridge.bench.MeasuredJava;
import io.deltabridge.bench.d2k.BrokerMain;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.delta.KernelIterators;
import io.deltabridge.core.parquet.ColumnarWrite;
import io.deltabridge.k2d.delta.KeyIndex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * kafka → delta benchmark on the insights workload: a broker in its own JVM; N insights records
 * produced to a topic (key = id as text, value JSON per SPEC §7 or Avro in the Confluent wire
 * format); then each consume run in a fresh JVM under {@code /usr/bin/time -v} (as peer-bench
 * measures Peer B) appending the topic to a new Delta table, printing rows/s, MiB/s, peak RSS and
 * heap; the table is counted afterwards with Delta Kernel. Run with {@code benchmarks/run-k2d.sh}.
 *
 * <p>{@code --upsert-changes M} (json): after each append run, M change events of the same ids (70 % updates of
 * existing ids, 20 % inserts of new ids, 10 % tombstones, uniformly over the ids) are applied to that table by a
 * {@code mode: upsert} run, measured the same way (change events/s instead of rows/s); the run must apply one change
 * per distinct id (the last change per key wins within a flush) and the table then hold exactly the live ids. With
 * {@code --spark-merge-classpath} (set by run-k2d.sh) the same change topic is then applied to a copy of the same table
 * by Spark Structured Streaming {@code foreachBatch} + MERGE INTO ({@link SparkMergePeer}), and the two are printed
 * side by side with the bridge/Spark ratios of changes/s and peak RSS. {@code --upsert-flush-records N} flushes the
 * upsert run every N records (default: {@code --flush-records}); {@code --key-index on,off} runs it once per setting,
 * each on its own copy of the table: {@code off} keeps no key index across flushes ({@code
 * -Ddeltabridge.k2d.key-index-bytes=0}: every flush reads the key columns of every candidate file), and after each
 * run a line sums what its flushes planned ({@link UpsertFlushes}: files whose key columns were read, files
 * rewritten or given deletion vectors, time per flush) and one the bytes of the files it wrote; {@code
 * --deletion-vectors off,on} runs it once per setting too, on a copy of the table with deletion vectors enabled
 * (merge-on-read) or not (copy-on-write).
 *
 * <p>{@code --columnar-write on,off} runs each append once per setting, alternating within each repetition: {@code on}
 * writes Parquet through the bridge's columnar writer (the default), {@code off} through Kernel's default writer
 * ({@code -Ddeltabridge.parquet.columnar-write=false}).
 *
 * <p>The measured JVM runs with bin/bridge's options file ({@link MeasuredJava}), then {@code --jvm "FLAGS"}
 * ({@link MeasuredJava#flags}, as the delta → kafka benchmark) and {@code -Xmx} of {@code --xmx}.
 *
 * <p>{@code --table-partitions a,b} creates the tables partitioned by these insights columns ({@code active,score}:
 * 2,000 partitions).
 */
public final class K2dBenchmark {
    private K2dBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].substring(2), args[i + 1]);
        }
        long rows = Long.parseLong(opt.getOrDefault("rows", "1000000"));
        int partitions = Integer.parseInt(opt.getOrDefault("partitions", "6"));
        String xmx = opt.getOrDefault("xmx", "192m");
        List<String> jvm = MeasuredJava.flags(opt);
        int reps = Integer.parseInt(opt.getOrDefault("reps", "2"));
        long flushRecords = Long.parseLong(opt.getOrDefault("flush-records", "200000"));
        List<String> formats = List.of(opt.getOrDefault("formats", "json,avro").split(","));
        // --table-partitions active,score: the new table partitioned by these columns (2 x 1,000 values)
        String partitionBy = opt.getOrDefault("table-partitions", "");
        long upsertChanges = Long.parseLong(opt.getOrDefault("upsert-changes", "0"));
        long upsertFlushRecords = Long.parseLong(opt.getOrDefault("upsert-flush-records", Long.toString(flushRecords)));
        List<String> keyIndex = List.of(opt.getOrDefault("key-index", "on").split(","));
        // --deletion-vectors off,on: each upsert run once per setting, on a copy of the appended table with deletion
        // vectors enabled (merge-on-read) or not (copy-on-write)
        List<String> deletionVectors =
                List.of(opt.getOrDefault("deletion-vectors", "off").split(","));
        List<List<String>> upsertSettings = new ArrayList<>();
        for (String vectors : deletionVectors) {
            for (String index : keyIndex) {
                upsertSettings.add(List.of(vectors, index));
            }
        }
        // --columnar-write on,off: each append run once with the columnar Parquet writer and once with Kernel's
        List<String> columnarWrite =
                List.of(opt.getOrDefault("columnar-write", "on").split(","));
        // --spark-merge-classpath: the Spark peer of the upsert run (run-k2d.sh builds it and sets this with
        // --upsert-changes)
        String sparkXmx = opt.getOrDefault("spark-xmx", "1g");
        SparkMergePeer spark = opt.containsKey("spark-merge-classpath")
                ? new SparkMergePeer(
                        Path.of(opt.get("spark-merge-classpath")), opt.getOrDefault("spark-java", "java"), sparkXmx)
                : null;
        Path work = Files.createDirectories(
                Path.of(opt.getOrDefault("work", System.getProperty("java.io.tmpdir") + "/deltabridge-k2d-bench")));

        Process broker = java("1g", BrokerMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "%-32s %9s %10s %8s %8s %8s %8s %9s %7s %8s",
                "run",
                "records",
                "events/s(q)",
                "MiB/s(q)",
                "query s",
                "wall s",
                "RSS MiB",
                "heap MiB",
                "CPU s",
                "commits"));
        try {
            String bootstrap = awaitBootstrap(broker);
            for (String format : formats) {
                String topic = "k2d-" + format;
                createTopic(bootstrap, topic, partitions);
                produce(bootstrap, topic, rows, format);
                boolean upserts = upsertChanges > 0 && "json".equals(format);
                long[] liveAndChanged = {0, 0};
                if (upserts) {
                    createTopic(bootstrap, topic + "-changes", partitions);
                    liveAndChanged = produceChanges(bootstrap, topic + "-changes", rows, upsertChanges);
                }
                Appends appends = new Appends(xmx, bootstrap, topic, format, flushRecords, rows, partitionBy);
                List<String> recording = MeasuredJava.aotRecording();
                if (!recording.isEmpty()) {
                    Path table = work.resolve(format + "-aot-" + System.nanoTime());
                    List<String> recordingJvm = new ArrayList<>(jvm);
                    recordingJvm.addAll(recording);
                    // its wall time includes the JVM assembling the cache as it exits
                    Measured first = appends.run("recording the AOT cache", table, recordingJvm);
                    deleteRecursively(table);
                    System.out.println(first.line());
                }
                for (int r = 1; r <= reps; r++) {
                    Path table = null;
                    // one append run per --columnar-write setting, alternating within each repetition
                    for (String columnar : columnarWrite) {
                        if (table != null) {
                            deleteRecursively(table);
                        }
                        table = work.resolve(format + "-" + System.nanoTime());
                        lines.add(appends.run(
                                        format + " " + rows + " (-Xmx" + xmx + ")"
                                                + (columnarWrite.size() > 1 ? " columnar " + columnar : "") + " #" + r,
                                        table,
                                        and(jvm, "-D" + ColumnarWrite.PROPERTY + "=" + !"off".equals(columnar)))
                                .line());
                    }
                    if (upserts) {
                        Path sparkTable = spark == null ? null : SparkMergePeer.copy(table);
                        Measured bridge = null;
                        for (List<String> setting : upsertSettings) {
                            // every setting starts from the appended table: the last one changes it in place
                            boolean last = setting == upsertSettings.get(upsertSettings.size() - 1);
                            String vectors = setting.get(0);
                            String index = setting.get(1);
                            Path target =
                                    last ? table : SparkMergePeer.copy(table, "-dv-" + vectors + "-index-" + index);
                            if ("on".equals(vectors)) {
                                UpsertTarget.enableDeletionVectors(target);
                            }
                            long bytesBefore = UpsertTarget.dataBytes(target);
                            bridge = run(
                                    "upsert " + upsertChanges + " dv " + vectors + " index " + index + " #" + r,
                                    xmx,
                                    bootstrap,
                                    target,
                                    topic + "-changes",
                                    format,
                                    upsertFlushRecords,
                                    upsertChanges,
                                    // one flush applies one change per distinct id; several may apply an id's
                                    // changes once per flush, so then only the rows are checked
                                    upsertFlushRecords >= upsertChanges ? liveAndChanged[1] : -1,
                                    liveAndChanged[0],
                                    true,
                                    partitionBy,
                                    "off".equals(index) ? and(jvm, "-D" + KeyIndex.BUDGET_PROPERTY + "=0") : jvm);
                            lines.add(bridge.line());
                            lines.add("  " + UpsertFlushes.of(logOf(target, true)));
                            lines.add(String.format(
                                    Locale.ROOT,
                                    "  data and deletion vector files written: %.1f MiB (table before: %.1f MiB)",
                                    (UpsertTarget.dataBytes(target) - bytesBefore) / 1048576.0,
                                    bytesBefore / 1048576.0));
                            if (!last) {
                                deleteRecursively(target.getParent());
                            }
                        }
                        if (spark != null) {
                            Measured peer = spark.run(
                                    "spark MERGE " + upsertChanges + " (-Xmx" + sparkXmx + ") #" + r,
                                    bootstrap,
                                    sparkTable,
                                    topic + "-changes",
                                    upsertChanges,
                                    liveAndChanged[0]);
                            lines.add(peer.line());
                            lines.add(String.format(
                                    Locale.ROOT,
                                    "  bridge / spark: %.2fx the changes/s at %.0f %% of the peak RSS",
                                    bridge.perSecond() / peer.perSecond(),
                                    100 * bridge.rssMiB() / peer.rssMiB()));
                            deleteRecursively(
                                    sparkTable.getParent()); // the copy, its checkpoint and Spark's scratch files
                        }
                    }
                    deleteRecursively(table);
                }
            }
        } finally {
            broker.getOutputStream().close();
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.destroy();
            }
        }
        System.out.println();
        lines.forEach(System.out::println);
    }

    /** Produces the insights rows 0..rows-1 as json or avro records keyed by id. */
    public static void produce(String bootstrap, String topic, long rows, String format) {
        InsightsRecords records = new InsightsRecords();
        LongFunction<byte[]> value = "avro".equals(format) ? records::avro : records::json;
        send(
                bootstrap,
                topic,
                rows,
                format,
                id -> new ProducerRecord<>(topic, Long.toString(id).getBytes(StandardCharsets.UTF_8), value.apply(id)));
    }

    /**
     * {@code changes} json change events of the ids 0..rows-1 (seeded): 70 % updates, 20 % inserts of new ids, 10 %
     * tombstones; returns how many ids are live after them and how many distinct ids they change. An update carries the
     * id's generated row again.
     */
    private static long[] produceChanges(String bootstrap, String topic, long rows, long changes) {
        InsightsRecords records = new InsightsRecords();
        Random random = new Random(7);
        BitSet live = new BitSet();
        BitSet changed = new BitSet();
        live.set(0, (int) rows);
        long[] next = {rows};
        send(bootstrap, topic, changes, "json change", i -> {
            int kind = random.nextInt(10);
            long id = kind >= 7 && kind < 9 ? next[0]++ : (long) (random.nextDouble() * rows);
            live.set((int) id, kind < 9);
            changed.set((int) id);
            return new ProducerRecord<>(
                    topic, Long.toString(id).getBytes(StandardCharsets.UTF_8), kind < 9 ? records.json(id) : null);
        });
        return new long[] {live.cardinality(), changed.cardinality()};
    }

    private static void send(
            String bootstrap, String topic, long n, String what, LongFunction<ProducerRecord<byte[], byte[]>> record) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("linger.ms", "10");
        p.put("batch.size", "262144");
        p.put("acks", "all");
        long t0 = System.nanoTime();
        long bytes = 0;
        java.util.concurrent.atomic.AtomicReference<Exception> failed =
                new java.util.concurrent.atomic.AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < n; i++) {
                ProducerRecord<byte[], byte[]> r = record.apply(i);
                bytes += r.key().length + (r.value() == null ? 0 : r.value().length);
                producer.send(r, (metadata, error) -> {
                    if (error != null) {
                        failed.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("producing the workload failed", failed.get());
        }
        System.out.printf(
                Locale.ROOT,
                "produced %d %s records (%.1f MiB, %.0f B/record) to %s in %.1f s%n",
                n,
                what,
                bytes / 1048576.0,
                (double) bytes / n,
                topic,
                (System.nanoTime() - t0) / 1e9);
    }

    private static Measured run(
            String name,
            String xmx,
            String bootstrap,
            Path table,
            String topic,
            String format,
            long flushRecords,
            long events,
            long expectedRecords,
            long expectedRows,
            boolean upsert,
            String partitionBy,
            List<String> jvmOptions)
            throws IOException, InterruptedException {
        // the bridge's options file first, so that what follows overrides it
        List<String> child = new ArrayList<>(MeasuredJava.command());
        // extra JVM options for the measured process only, e.g. a flight recording
        String extra = System.getenv().getOrDefault("K2D_CHILD_JVM_OPTS", "");
        if (!extra.isBlank()) {
            child.addAll(List.of(extra.trim().split("\\s+")));
        }
        if (!partitionBy.isBlank()) {
            child.add("-D" + ConsumeOnce.PARTITION_BY + "=" + partitionBy);
        }
        child.addAll(jvmOptions);
        List<String> java = java(
                        xmx,
                        ConsumeOnce.class.getName(),
                        bootstrap,
                        table.toString(),
                        topic,
                        format,
                        Long.toString(flushRecords),
                        upsert ? "upsert" : "append")
                .command();
        child.addAll(java.subList(1, java.size()));
        // the child's log (and /usr/bin/time's report) stays next to the tables for inspection
        TimedRun run = TimedRun.of(name, child, logOf(table, upsert));
        Map<String, String> r = run.result();
        long records = run.number("records");
        long inTable = countRows(table.toString());
        if ((expectedRecords >= 0 && records != expectedRecords) || inTable != expectedRows) {
            throw new IllegalStateException(name + ": expected " + expectedRecords + " records and " + expectedRows
                    + " rows, the run wrote " + records + " and the table has " + inTable);
        }
        double query = run.decimal("query_s");
        String line = String.format(
                Locale.ROOT,
                "%-32s %9d %10.0f %8.1f %8.2f %8.2f %8.0f %9s %7s %8s",
                name,
                records,
                events / query,
                Long.parseLong(r.get("bytes")) / 1048576.0 / query,
                query,
                run.wallSeconds(),
                run.rssMiB(),
                r.get("heap_peak_mib"),
                r.get("cpu_s"),
                r.get("commits"));
        System.out.println(line);
        return new Measured(line, events / query, run.rssMiB());
    }

    /** The log of the child run into {@code table}, next to it. */
    private static Path logOf(Path table, boolean upsert) {
        return table.resolveSibling(table.getFileName() + (upsert ? "-upsert" : "") + ".log");
    }

    /**
     * Live rows in the table, counted by Delta Kernel from the data files of the latest snapshot (reads only {@code id}),
     * deletion vectors applied.
     */
    static long countRows(String table) throws IOException {
        Engine engine = DeltaEngines.create(Map.of());
        Scan scan = TableManager.loadSnapshot(table)
                .build(engine)
                .getScanBuilder()
                .withReadSchema(new StructType().add("id", LongType.LONG))
                .build();
        Row state = scan.getScanState(engine);
        StructType physical = ScanStateRow.getPhysicalDataReadSchema(state);
        long count = 0;
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> rows = files.next().getRows()) {
                    while (rows.hasNext()) {
                        Row file = rows.next();
                        CloseableIterator<ColumnarBatch> data = engine.getParquetHandler()
                                .readParquetFiles(
                                        KernelIterators.single(InternalScanFileUtils.getAddFileStatus(file)),
                                        physical,
                                        Optional.empty())
                                .map(FileReadResult::getData);
                        try (CloseableIterator<FilteredColumnarBatch> live =
                                Scan.transformPhysicalData(engine, state, file, data)) {
                            while (live.hasNext()) {
                                count += live(live.next());
                            }
                        }
                    }
                }
            }
        }
        return count;
    }

    private static long live(FilteredColumnarBatch batch) {
        int size = batch.getData().getSize();
        if (batch.getSelectionVector().isEmpty()) {
            return size;
        }
        var selection = batch.getSelectionVector().get();
        long live = 0;
        for (int row = 0; row < size; row++) {
            if (!selection.isNullAt(row) && selection.getBoolean(row)) {
                live++;
            }
        }
        return live;
    }

    private static ProcessBuilder java(String xmx, String main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx,
                "-cp",
                System.getProperty("java.class.path"),
                main));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** The append runs of one format: {@code rows} records of {@code topic} into a new table each. */
    private record Appends(
            String xmx,
            String bootstrap,
            String topic,
            String format,
            long flushRecords,
            long rows,
            String partitionBy) {
        Measured run(String name, Path table, List<String> jvm) throws IOException, InterruptedException {
            return K2dBenchmark.run(
                    name,
                    xmx,
                    bootstrap,
                    table,
                    topic,
                    format,
                    flushRecords,
                    rows,
                    rows,
                    rows,
                    false,
                    partitionBy,
                    jvm);
        }
    }

    private static List<String> and(List<String> jvm, String option) {
        List<String> all = new ArrayList<>(jvm);
        all.add(option);
        return all;
    }

    private static String awaitBootstrap(Process broker) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("BOOTSTRAP ")) {
                return line.substring(10).trim();
            }
        }
        throw new IllegalStateException("the broker did not start");
    }

    private static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
            // producing before the leader serves the partitions can cost an idempotent producer records
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> all =
                    new LinkedHashMap<>();
            for (int p = 0; p < partitions; p++) {
                all.put(
                        new org.apache.kafka.common.TopicPartition(topic, p),
                        org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            for (int attempt = 0; ; attempt++) {
                try {
                    admin.listOffsets(all).all().get(60, TimeUnit.SECONDS);
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (attempt > 100) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
