package io.deltabridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.k2d.KafkaToDelta;
import io.deltabridge.k2d.KafkaToDeltaPipeline;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.S3Server;
import io.deltabridge.testkit.S3ServerExtension;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark reads an {@code s3a://} table that three bridge writers filled at once, through the S3 API server: the
 * conditional-PUT log store's commits, Kernel's checkpoint among them, are an ordinary Delta log to Spark, and every
 * record is there once.
 */
@WithKafkaBroker
@ExtendWith(S3ServerExtension.class)
class SparkS3IT {
    private static final int WRITERS = 3;
    private static final int RECORDS_PER_WRITER = 600;
    private static final String SCHEMA = "id BIGINT NOT NULL, name STRING";

    @TempDir
    Path tmp;

    @Test
    void sparkReadsEveryRecordOnceThatThreeConcurrentWritersCommittedToS3(KafkaCluster kafka, S3Server s3)
            throws Exception {
        String table = s3.uri("interop/three-writers");
        // the table exists before the writers race, as when instances are added to a running mapping
        String init = kafka.createUniqueTopic("s3-init", 1);
        pipeline(kafka, s3, init, table).runOnce();

        List<String> topics = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String topic = kafka.createUniqueTopic("s3-writer", 2);
            long first = (long) w * RECORDS_PER_WRITER;
            kafka.produce(LongStream.range(first, first + RECORDS_PER_WRITER)
                    .mapToObj(id -> new ProducerRecord<byte[], byte[]>(
                            topic, utf8(Long.toString(id)), utf8("{\"id\": " + id + ", \"name\": \"n-" + id + "\"}")))
                    .toList());
            topics.add(topic);
        }
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<RunSummary>> runs = new ArrayList<>();
        for (String topic : topics) {
            runs.add(writers.submit(() -> pipeline(kafka, s3, topic, table).runOnce()));
        }
        long commits = 0;
        for (Future<RunSummary> run : runs) {
            commits += run.get().units();
        }
        writers.shutdown();
        assertTrue(commits >= WRITERS * (RECORDS_PER_WRITER / 100), "a commit per 100 records: " + commits);

        Map<String, String> sparkS3 = new HashMap<>();
        s3.s3aSettings().forEach((k, v) -> sparkS3.put("spark.hadoop." + k, v));
        try (SparkSql spark = SparkSql.start(tmp.resolve("spark"), sparkS3)) {
            String t = "delta.`" + table + "`";
            var counts = spark.rows(
                            "SELECT count(*) AS n, count(DISTINCT id) AS ids, min(id) AS lo, max(id) AS hi FROM " + t)
                    .get(0);
            long total = (long) WRITERS * RECORDS_PER_WRITER;
            // a record twice: where both copies came from (same Kafka offset in two files: a batch committed twice)
            Supplier<String> duplicates = () -> counts + "; duplicated: "
                    + spark.rows("SELECT id, _kafka_topic, _kafka_partition, _kafka_offset, "
                            + "_metadata.file_path AS file FROM " + t + " WHERE id IN (SELECT id FROM " + t
                            + " GROUP BY id HAVING count(*) > 1) ORDER BY id LIMIT 6");
            assertEquals(total, counts.get("n").asLong(), duplicates);
            assertEquals(total, counts.get("ids").asLong(), duplicates);
            assertEquals(0, counts.get("lo").asLong());
            assertEquals(total - 1, counts.get("hi").asLong());
            assertEquals(
                    0,
                    spark.rows("SELECT id FROM " + t + " WHERE name <> concat('n-', CAST(id AS STRING))")
                            .size());
            long versions = spark.rows("DESCRIBE HISTORY " + t).size();
            assertEquals(commits + 1, versions, "the CREATE and every writer's commits, none lost");
        }
    }

    private static KafkaToDeltaPipeline pipeline(KafkaCluster kafka, S3Server s3, String topic, String table) {
        Map<String, String> clients = new HashMap<>();
        kafka.clientProperties().forEach((k, v) -> clients.put(k, String.valueOf(v)));
        return KafkaToDelta.builder()
                .bridgeName("interop-s3")
                .name(topic)
                .kafka(clients)
                .topics(topic)
                .table(table)
                .create(true)
                .schema(SCHEMA)
                .delta(s3.s3aSettings())
                .flush(new FlushPolicy(100, 128L << 20, Duration.ofSeconds(30)))
                .build();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
