package io.deltabridge.bench.headers;

import io.deltabridge.bench.d2k.BrokerProcess;
import io.deltabridge.bench.d2k.D2kBenchmark;
import io.deltabridge.bench.k2d.InsightsRecords;
import io.deltabridge.bench.start.StartBenchmark;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.HeaderSet;
import io.deltabridge.core.lineage.LineageHeaders;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the lineage headers of SPEC §7 cost the producer: the same pre-encoded insights events (JSON values, id keys)
 * sent through a transactional producer with delta → kafka's default settings, with all 13 headers as the bridge
 * writes them ({@code headers: all}), with the seven {@code deltabridge.*} ones ({@code headers: lineage}: no
 * CloudEvents {@code ce_*}, no {@code content-type}), and with none; alternately, {@code --reps} times after one
 * unmeasured run of each, to a broker in its own JVM. Prints rows/s and producer CPU per record (this JVM: only the
 * producer runs here), medians per header set.
 * Run with {@code benchmarks/run-headers.sh}.
 */
public final class HeaderCost {
    public static final String ALL = "13 headers (SPEC §7)";
    public static final String LINEAGE = "7 deltabridge.*";
    public static final String NONE = "no headers";
    /** The header sets' names as each run line prints them (benchmarks/run-all.sh reads them back). */
    public static final List<String> SETS = List.of(ALL, LINEAGE, NONE);

    private static final int DISTINCT_VALUES = 4096;
    private static final int TRANSACTION_RECORDS = 100_000;
    /** Without CloudEvents' five {@code ce_*} headers and {@code content-type}. */
    private static final Set<String> DELTABRIDGE_ONLY = Set.copyOf(LineageHeaders.ALL.stream()
            .filter(name -> name.startsWith("deltabridge."))
            .toList());

    private HeaderCost() {}

    /** One way of heading the events: a name and the headers of the event at an ordinal. */
    private record Variant(String name, LongFunction<Headers> headers) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = D2kBenchmark.options(args);
        long rows = Long.parseLong(opt.getOrDefault("rows", "1000000"));
        int reps = Integer.parseInt(opt.getOrDefault("reps", "3"));
        byte[][] values = values();
        LineageHeaders.VersionHeaders version = LineageHeaders.encoder(
                        "bench",
                        "insights-out",
                        "file:/bench/insights",
                        LineageHeaders.CONTENT_TYPE_JSON,
                        HeaderSet.ALL)
                .forVersion("6a5c1c1e-3b52-4c8e-9d9b-4f1c2a7e0b11", 3, 1_765_000_000_000L);
        List<Variant> sets = List.of(
                new Variant(ALL, ordinal -> version.of(ChangeKind.UPDATE, ordinal)),
                new Variant(LINEAGE, ordinal -> only(DELTABRIDGE_ONLY, version.of(ChangeKind.UPDATE, ordinal))),
                new Variant(NONE, ordinal -> new RecordHeaders()));
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        try (BrokerProcess broker = BrokerProcess.start()) {
            // one unmeasured run of each set first: every measured run is of a compiled producer, the best it does
            for (Variant set : sets) {
                String topic = "headers-warm-up-" + sets.indexOf(set);
                broker.createTopic(topic, 6, Map.of());
                send(broker.bootstrapServers(), topic, rows, values, set);
            }
            for (int rep = 1; rep <= reps; rep++) {
                StringBuilder line = new StringBuilder("run " + rep + ":");
                // a different set first in each repetition, so that none always runs beside a busier broker
                for (int i = 0; i < sets.size(); i++) {
                    Variant set = sets.get((i + rep - 1) % sets.size());
                    String topic = "headers-" + rep + "-" + sets.indexOf(set);
                    broker.createTopic(topic, 6, Map.of());
                    double[] measured = send(broker.bootstrapServers(), topic, rows, values, set);
                    results.computeIfAbsent(set.name(), k -> new ArrayList<>()).add(measured);
                    line.append(String.format(
                            Locale.ROOT, "  %s %.0f rows/s %.2f µs CPU/record;", set.name(), measured[0], measured[1]));
                }
                System.out.println(line);
            }
        }
        System.out.printf(Locale.ROOT, "medians of %d, %d rows each:%n", reps, rows);
        results.forEach((name, runs) -> System.out.printf(
                Locale.ROOT,
                "  %-24s %,9.0f rows/s  %5.2f µs producer CPU/record%n",
                name,
                median(runs, 0),
                median(runs, 1)));
    }

    private static byte[][] values() {
        InsightsRecords records = new InsightsRecords();
        byte[][] values = new byte[DISTINCT_VALUES][];
        for (int i = 0; i < values.length; i++) {
            values[i] = records.json(i);
        }
        return values;
    }

    private static Headers only(Set<String> names, Headers all) {
        RecordHeaders kept = new RecordHeaders();
        for (Header h : all) {
            if (names.contains(h.key())) {
                kept.add(h);
            }
        }
        return kept;
    }

    /** Sends {@code rows} events in transactions; returns rows/s and CPU µs per record of this JVM. */
    private static double[] send(String bootstrap, String topic, long rows, byte[][] values, Variant set) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "header-cost-" + topic);
        AtomicReference<Exception> failed = new AtomicReference<>();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (long i = 0; i < rows; i++) {
                if (i > 0 && i % TRANSACTION_RECORDS == 0) {
                    producer.commitTransaction();
                    producer.beginTransaction();
                }
                byte[] key = Long.toString(i).getBytes(StandardCharsets.UTF_8);
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                null,
                                key,
                                values[(int) (i % values.length)],
                                set.headers().apply(i)),
                        (metadata, error) -> {
                            if (error != null) {
                                failed.compareAndSet(null, error);
                            }
                        });
            }
            producer.commitTransaction();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("sending the events failed", failed.get());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new double[] {rows / seconds, (processCpuNanos() - cpu0) / 1e3 / rows};
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(List<double[]> runs, int field) {
        return StartBenchmark.median(runs.stream().mapToDouble(r -> r[field]).toArray());
    }
}
