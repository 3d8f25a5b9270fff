package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One flush into a partitioned table writes about one file per partition value, not one per value per chunk: 6,000
 * records spread over 300 values (every chunk holds rows of every value) land in one commit of 300 files, each row
 * once, in the partition of its value, nested values intact.
 */
@WithKafkaBroker
class PartitionedFilesIT {
    private static final int RECORDS = 6_000;
    private static final int VALUES = 300;
    /** Small chunks: 30 of them in the flush, each with rows of every value. */
    private static final int CHUNK_ROWS = 200;

    private final Engine engine = DeltaEngines.create(Map.of());

    @Test
    void aFlushWritesOneFilePerPartitionValue(KafkaCluster kafka, @TempDir Path dir) throws IOException {
        String topic = Topics.create(kafka, "many-partitions", 2);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            String value = "{\"id\":" + i + ",\"part\":\"p" + (i % VALUES) + "\",\"tags\":[\"t" + i
                    + "\",null],\"attrs\":{\"k\":" + i + "}}";
            records.add(new ProducerRecord<>(topic, i % 2, null, value.getBytes(StandardCharsets.UTF_8)));
        }
        kafka.produce(records);
        Path table = dir.resolve("t");

        KafkaToDelta.builder()
                .bridgeName("it")
                .name("many-partitions")
                .kafka(Map.of("bootstrap.servers", kafka.bootstrapServers()))
                .topics(topic)
                .table(table.toString())
                .create(true)
                .schema("id BIGINT NOT NULL, part STRING NOT NULL, tags ARRAY<STRING>, attrs MAP<STRING,BIGINT>")
                .partitionBy("part")
                .flush(new FlushPolicy(1_000_000, 1L << 30, Duration.ofMinutes(5)))
                .chunkRows(CHUNK_ROWS)
                .build()
                .runOnce();

        Map<String, Long> filesPerValue;
        try (Stream<Path> files = Files.walk(table)) {
            filesPerValue = files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .collect(Collectors.groupingBy(
                            p -> p.getParent().getFileName().toString(), TreeMap::new, Collectors.counting()));
        }
        assertEquals(VALUES, filesPerValue.size(), "a directory per value: " + filesPerValue.keySet());
        assertEquals(Map.of(1L, (long) VALUES), counts(filesPerValue), "number of values by files per value");

        List<ObjectNode> rows = TableRows.read(engine, table.toString());
        assertEquals(RECORDS, rows.size(), "every row once");
        Map<Long, ObjectNode> byId =
                rows.stream().collect(Collectors.toMap(r -> r.get("id").asLong(), r -> r));
        assertEquals(RECORDS, byId.size(), "no row twice");
        for (int i = 0; i < RECORDS; i++) {
            ObjectNode row = byId.get((long) i);
            assertEquals("p" + (i % VALUES), row.get("part").asText(), "partition of row " + i);
            assertEquals("[\"t" + i + "\",null]", row.get("tags").toString(), "tags of row " + i);
            assertEquals(i, row.get("attrs").get("k").asLong(), "attrs of row " + i);
        }
    }

    private static Map<Long, Long> counts(Map<String, Long> filesPerValue) {
        return filesPerValue.values().stream().collect(Collectors.groupingBy(n -> n, Collectors.counting()));
    }
}
