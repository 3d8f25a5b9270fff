package io.deltabridge.bench.latency;

import io.deltabridge.bench.d2k.BrokerProcess;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.KeyFormat;
import io.deltabridge.core.lineage.LineageHeaders;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.d2k.DeltaToKafka;
import io.deltabridge.d2k.DeltaToKafkaPipeline;
import io.deltabridge.embedded.InsightsTable;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One latency measurement: a fresh insights table and a {@code LogAppendTime} topic, the delta →
 * kafka pipeline running continuously on its own thread, a writer committing small batches at a
 * fixed rate, then a read_committed consumer computing broker append time − commit timestamp.
 */
final class LatencyRun {

    /** The writer's workload (as peer-bench's latency test) and the topic's partitions. */
    record Workload(int commits, int rowsPerCommit, long intervalMs, int warmup, int partitions) {}

    /**
     * @param events     latency of every event of the measured versions
     * @param versions   per measured version, the latency of its last event
     * @param commits    the writer's commit durations (measured commits)
     * @param cpuSeconds CPU of this JVM (pipeline + writer) while the measured commits ran
     */
    /**
     * The mapping's {@code poll-interval}; {@code fixed}: look at that interval also while versions keep coming
     * (the behaviour before adaptive polling), otherwise the default schedule (50 ms while active).
     */
    record Polling(Duration interval, boolean fixed) {
        /** {@code 1000}: 1 s, adaptive; {@code fixed1000}: 1 s, fixed. */
        static Polling parse(String spec) {
            boolean fixed = spec.startsWith("fixed");
            return new Polling(Duration.ofMillis(Long.parseLong(fixed ? spec.substring(5) : spec)), fixed);
        }

        @Override
        public String toString() {
            return (fixed ? "fixed " : "") + interval.toMillis() + " ms";
        }
    }

    record Result(
            Polling polling,
            Percentiles events,
            Percentiles versions,
            Percentiles commits,
            double cpuSeconds,
            double wallSeconds) {}

    private LatencyRun() {}

    static Result run(BrokerProcess broker, Path dir, String name, Workload w, Polling polling) throws Exception {
        InsightsTable table = InsightsTable.create(dir, w.rowsPerCommit());
        broker.createTopic(name, w.partitions(), Map.of("message.timestamp.type", "LogAppendTime"));
        AtomicLong published = new AtomicLong(-1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        DeltaToKafka.Builder builder = DeltaToKafka.builder();
        if (polling.fixed()) {
            builder.activePollInterval(polling.interval());
        }
        DeltaToKafkaPipeline pipeline = builder.bridgeName("latency")
                .mappingName(name)
                .table(dir.toString())
                .topic(name)
                .key("id")
                .format(Format.JSON)
                .keyFormat(KeyFormat.STRING)
                .changes(ChangeKind.INSERT, ChangeKind.UPDATE, ChangeKind.DELETE)
                .pollInterval(polling.interval())
                .kafka(Map.of("bootstrap.servers", broker.bootstrapServers()))
                .listener(new PipelineListener() {
                    @Override
                    public void onVersionPublished(String mapping, long version, long events) {
                        published.accumulateAndGet(version, Math::max);
                    }

                    @Override
                    public void onFailure(String mapping, Exception error) {
                        failure.set(error);
                    }
                })
                .build();
        Thread runner = new Thread(pipeline::runContinuously, "pipeline-" + name);
        runner.start();
        Set<Long> measured = new HashSet<>();
        long[] commitMillis = new long[w.commits()];
        double cpu;
        long wallNanos;
        try {
            awaitPublished(published, table.latestVersion(), failure);
            long nextId = w.rowsPerCommit();
            // fixed rate: commit i starts at start + i * interval, whatever the previous commits took
            long start = System.nanoTime();
            double cpu0 = 0;
            for (int i = 0; i < w.warmup() + w.commits(); i++) {
                if (i == w.warmup()) {
                    cpu0 = cpuSeconds();
                }
                long due = start + i * w.intervalMs() * 1_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long c0 = System.nanoTime();
                InsightsTable.Commit commit = table.insert(nextId, w.rowsPerCommit());
                nextId += w.rowsPerCommit();
                if (i >= w.warmup()) {
                    commitMillis[i - w.warmup()] = (System.nanoTime() - c0) / 1_000_000;
                    measured.add(commit.version());
                }
            }
            wallNanos = System.nanoTime() - start;
            awaitPublished(published, table.latestVersion(), failure);
            cpu = cpuSeconds() - cpu0;
        } finally {
            pipeline.stop();
            runner.join(TimeUnit.SECONDS.toMillis(60));
            pipeline.close();
        }
        Map<Long, Long> versionMax = new HashMap<>();
        long[] events = readLatencies(broker.bootstrapServers(), name, w.partitions(), measured, versionMax);
        long expected = (long) w.commits() * w.rowsPerCommit();
        if (events.length != expected || versionMax.size() != w.commits()) {
            throw new IllegalStateException("expected " + expected + " events of " + w.commits() + " versions, read "
                    + events.length + " of " + versionMax.size());
        }
        return new Result(
                polling,
                Percentiles.of(events),
                Percentiles.of(
                        versionMax.values().stream().mapToLong(Long::longValue).toArray()),
                Percentiles.of(commitMillis),
                cpu,
                wallNanos / 1e9);
    }

    private static void awaitPublished(AtomicLong published, long version, AtomicReference<Exception> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (published.get() < version) {
            if (failure.get() != null || System.nanoTime() > deadline) {
                throw new IllegalStateException("the pipeline did not publish version " + version, failure.get());
            }
            Thread.sleep(50);
        }
    }

    /** Reads the topic to its end (read_committed) and returns the latency of each event of the measured versions. */
    private static long[] readLatencies(
            String bootstrap, String topic, int partitions, Set<Long> measured, Map<Long, Long> versionMax) {
        Map<String, Object> props = Map.of(
                "bootstrap.servers", bootstrap, "isolation.level", "read_committed", "enable.auto.commit", false);
        List<TopicPartition> tps = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(topic, p))
                .collect(Collectors.toList());
        long[] latencies = new long[1024];
        int n = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    long version = Long.parseLong(header(r, LineageHeaders.VERSION));
                    if (!measured.contains(version)) {
                        continue;
                    }
                    long latency = r.timestamp() - Long.parseLong(header(r, LineageHeaders.COMMIT_TIMESTAMP));
                    versionMax.merge(version, latency, Math::max);
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = latency;
                }
            }
        }
        return Arrays.copyOf(latencies, n);
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        if (h == null) {
            throw new IllegalStateException(
                    "record without header " + name + " at " + r.topic() + "-" + r.partition() + "@" + r.offset());
        }
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }
}
