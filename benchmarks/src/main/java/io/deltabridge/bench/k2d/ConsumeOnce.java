package io.deltabridge.bench.k2d;

import io.deltabridge.bench.SettingsProperty;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.KeyFormat;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.k2d.KafkaToDelta;
import io.deltabridge.k2d.KafkaToDeltaPipeline;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Child process of {@link K2dBenchmark}: one {@code --once} run of kafka → delta from the topic
 * into a new table (created from the insights DDL for json, from the registry schema for avro),
 * then a {@code RESULT} line with records, bytes, query seconds, peak heap and CPU seconds. With a
 * sixth argument {@code upsert}, the records are applied by key {@code id} ({@code mode: upsert},
 * the Kafka key as {@code key-format: string}) to the table the earlier runs of the mapping wrote.
 */
public final class ConsumeOnce {
    public static final String INSIGHTS_DDL =
            "id BIGINT, customer_id STRING, segment STRING, score DOUBLE, churn_risk DECIMAL(5,4), "
                    + "updated_at TIMESTAMP, features ARRAY<DOUBLE>, attributes MAP<STRING,STRING>, country STRING, tenure INT, "
                    + "active BOOLEAN, version INT";

    /** System property: the new table's partition columns, comma-separated, when set. */
    static final String PARTITION_BY = "bench.partition-by";
    /** System property: the mapping's {@code delta:} settings ({@code key=value,...}), when set. */
    static final String DELTA = "bench.delta";
    /** System property: the mapping's {@code kafka:} settings ({@code key=value,...}), when set. */
    static final String KAFKA = "bench.kafka";

    private ConsumeOnce() {}

    public static void main(String[] args) {
        String bootstrap = args[0];
        String table = args[1];
        String topic = args[2];
        Format format = Format.valueOf(args[3].toUpperCase(Locale.ROOT));
        long maxRecords = Long.parseLong(args[4]);
        boolean upsert = args.length > 5 && "upsert".equals(args[5]);
        KafkaToDelta.Builder builder = KafkaToDelta.builder()
                .bridgeName("bench")
                .name("k2d-" + topic)
                // the consumer as users get it: Kafka's defaults measured as fast as the larger polls and fetches
                // the benchmark used to set (docs/benchmarks.md, "The consumer's settings")
                .kafka(SettingsProperty.read(KAFKA, Map.of("bootstrap.servers", bootstrap)))
                .topics(topic)
                .table(table)
                .create(true)
                .delta(SettingsProperty.read(DELTA, Map.of()))
                .format(format)
                .flush(new FlushPolicy(maxRecords, 256L << 20, Duration.ofMinutes(5)));
        if (upsert) {
            builder.upsert("id").keyFormat(KeyFormat.STRING);
        }
        String partitionBy = System.getProperty(PARTITION_BY, "");
        if (!partitionBy.isBlank()) {
            builder.partitionBy(partitionBy.split(","));
        }
        if (format == Format.JSON) {
            builder.schema(INSIGHTS_DDL);
        } else {
            builder.schemaRegistry(new FixedSchemaRegistry(InsightsRecords.AVRO_SCHEMA_ID, InsightsRecords.AVRO));
        }
        long t0 = System.nanoTime();
        RunSummary summary;
        try (KafkaToDeltaPipeline pipeline = builder.build()) {
            summary = pipeline.runOnce();
        }
        double query = (System.nanoTime() - t0) / 1e9;
        long heapPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
        double cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
        System.out.printf(
                Locale.ROOT,
                "RESULT records=%d bytes=%d commits=%d query_s=%.3f heap_peak_mib=%.0f cpu_s=%.1f%n",
                summary.records(),
                summary.bytes(),
                summary.units(),
                query,
                heapPeak / 1048576.0,
                cpu);
    }
}
