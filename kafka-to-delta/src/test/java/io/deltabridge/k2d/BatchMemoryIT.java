package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory of an open batch is bounded and counted as decoded rows. Memory of a partitioned table does not grow with distinct partition values × rows: a backfill of
 * 50,000 records over 2,000 partition values, all in one flush (the default flush policy), runs in
 * a child JVM with a 96 MiB heap (before the fix it needed 2,000 × 50,000 bytes of selection vectors alone).
 */
@WithKafkaBroker
class BatchMemoryIT {
    private static final int RECORDS = 50_000;
    private static final int VALUES = 2_000;
    private static final String HEAP = "-Xmx96m";

    @Test
    void aBackfillOverTwoThousandPartitionValuesRunsInASmallHeap(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        String topic = Topics.create(kafka, "backfill", 2);
        String payload = "x".repeat(60);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            // blocks of 25 records per value, as a topic produced in time order and partitioned by day or customer
            String value =
                    "{\"id\":" + i + ",\"part\":\"p" + (i / (RECORDS / VALUES)) + "\",\"payload\":\"" + payload + "\"}";
            records.add(new ProducerRecord<>(topic, i % 2, null, value.getBytes(StandardCharsets.UTF_8)));
        }
        kafka.produce(records);
        Path table = dir.resolve("t");
        Path log = dir.resolve("child.log");

        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        HEAP,
                        "-XX:+ExitOnOutOfMemoryError",
                        "-cp",
                        System.getProperty("java.class.path"),
                        PartitionedBackfill.class.getName(),
                        kafka.bootstrapServers(),
                        topic,
                        table.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(child.waitFor(150, TimeUnit.SECONDS), "the backfill ends within 150 s");
        String output = Files.readString(log);
        assertEquals(0, child.exitValue(), "the backfill completes in " + HEAP + ":\n" + tail(output));
        assertTrue(output.contains("backfill done: " + RECORDS + " records"), tail(output));

        assertEquals(
                RECORDS,
                TableRows.read(DeltaEngines.create(Map.of()), table.toString()).size());
        try (Stream<Path> parts = Files.list(table)) {
            assertEquals(
                    VALUES,
                    parts.filter(p -> p.getFileName().toString().startsWith("part="))
                            .count());
        }
    }

    @Test
    void maxBytesCountsTheDecodedRowsNotTheKafkaBytes(KafkaCluster kafka, @TempDir Path dir) {
        String topic = Topics.create(kafka, "bytes", 1);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            records.add(new ProducerRecord<>(topic, 0, null, ("{\"id\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        kafka.produce(
                records); // about 50 KB of values; each row also gets topic, partition, offset and timestamp columns
        RunSummary s = KafkaToDelta.builder()
                .bridgeName("it")
                .name("bytes")
                .kafka(Map.of("bootstrap.servers", kafka.bootstrapServers()))
                .topics(topic)
                .table(dir.resolve("t").toString())
                .create(true)
                .schema("id BIGINT NOT NULL")
                .flush(new FlushPolicy(1_000_000, 64 << 10, Duration.ofMinutes(5)))
                .build()
                .runOnce();
        assertEquals(5_000, s.records());
        assertTrue(s.units() >= 3, "64 KiB of decoded rows per commit: " + s);
    }

    private static String tail(String output) {
        return output.length() <= 4000 ? output : output.substring(output.length() - 4000);
    }
}
