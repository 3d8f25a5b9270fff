package io.deltabridge.bench.d2k;

import io.deltabridge.bench.SettingsProperty;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.HeaderSet;
import io.deltabridge.core.config.KeyFormat;
import io.deltabridge.core.config.RegistryConfig;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.core.registry.HttpSchemaRegistryClient;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.d2k.DeltaToKafka;
import io.deltabridge.d2k.DeltaToKafkaPipeline;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Child process of {@link D2kBenchmark}: publishes a table's whole change feed once ({@code --once}
 * semantics) and prints one {@code RESULT} line. Args: bootstrap servers, table path, topic, json|avro
 * [, registry url (Confluent API), needed for avro]. The key is always {@code key-format: string}, so that json and
 * avro runs differ only in the value encoding.
 */
public final class PublishOnce {
    /** System property: the mapping's {@code max-transaction-records}, when set. */
    static final String MAX_TRANSACTION_RECORDS = "bench.max-transaction-records";
    /** System property: the mapping's {@code headers} ({@code all} or {@code lineage}), when set. */
    static final String HEADERS = "bench.headers";
    /** System property: the mapping's {@code envelope} ({@code row} or {@code debezium}), when set. */
    static final String ENVELOPE = "bench.envelope";
    /** System property: Kafka client settings over the bridge's defaults, {@code key=value,key=value}, when set. */
    static final String KAFKA = "bench.kafka";

    private PublishOnce() {}

    public static void main(String[] args) {
        long start = System.nanoTime();
        Format format = Format.valueOf(args[3].toUpperCase(Locale.ROOT));
        DeltaToKafka.Builder builder = DeltaToKafka.builder()
                .bridgeName("bench")
                .mappingName(args[2])
                .table(args[1])
                .topic(args[2])
                .key("id")
                .format(format)
                .keyFormat(KeyFormat.STRING)
                .changes(ChangeKind.INSERT, ChangeKind.UPDATE, ChangeKind.DELETE)
                .kafka(SettingsProperty.read(KAFKA, Map.of("bootstrap.servers", args[0])));
        SchemaRegistryClient registry = args.length > 4
                ? new HttpSchemaRegistryClient(new RegistryConfig(args[4], Optional.empty(), Map.of()))
                : null;
        if (registry != null) {
            builder.schemaRegistry(registry);
        }
        Long maxTransactionRecords = Long.getLong(MAX_TRANSACTION_RECORDS);
        if (maxTransactionRecords != null) {
            builder.maxRecordsPerTransaction(maxTransactionRecords);
        }
        String headers = System.getProperty(HEADERS);
        if (headers != null) {
            builder.headers(HeaderSet.valueOf(headers.toUpperCase(Locale.ROOT)));
        }
        String envelope = System.getProperty(ENVELOPE);
        if (envelope != null) {
            builder.envelope(Envelope.valueOf(envelope.toUpperCase(Locale.ROOT)));
        }
        RunSummary summary;
        long queryNanos;
        try (registry;
                DeltaToKafkaPipeline pipeline = builder.build()) {
            long q0 = System.nanoTime();
            summary = pipeline.runOnce();
            queryNanos = System.nanoTime() - q0;
        }
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        long cpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        System.out.printf(
                Locale.ROOT,
                "RESULT records=%d bytes=%d versions=%d query_s=%.3f inproc_s=%.3f heap_peak_mib=%.1f cpu_s=%.2f%n",
                summary.records(),
                summary.bytes(),
                summary.units(),
                queryNanos / 1e9,
                (System.nanoTime() - start) / 1e9,
                heapPeak / 1048576.0,
                cpuNanos / 1e9);
    }
}
