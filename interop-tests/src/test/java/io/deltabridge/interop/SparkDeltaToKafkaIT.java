package io.deltabridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.d2k.DeltaToKafka;
import io.deltabridge.d2k.DeltaToKafkaPipeline;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** delta → kafka against Spark's {@code table_changes}: tables written by Spark, events read back from the broker. */
@WithKafkaBroker
class SparkDeltaToKafkaIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;

    static SparkSql spark;
    static KafkaCluster kafka;

    @BeforeAll
    static void start(KafkaCluster cluster) {
        kafka = cluster;
        spark = SparkSql.start(tmp.resolve("spark"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
    }

    @Test
    void dmlOnACdfTableIsPublishedAsSparkReadsIt() {
        String table = tmp.resolve("dml").toString();
        spark.execute("CREATE TABLE delta.`" + table + "` (id BIGINT, name STRING, amount DECIMAL(10,2)) USING delta"
                + " TBLPROPERTIES (delta.enableChangeDataFeed = true)");
        spark.execute("INSERT INTO delta.`" + table + "` VALUES (1, 'a', 1.50), (2, 'b', 2.00), (3, 'c', null)");
        spark.execute("UPDATE delta.`" + table + "` SET name = 'bb' WHERE id = 2");
        spark.execute("DELETE FROM delta.`" + table + "` WHERE id = 3");
        spark.execute("MERGE INTO delta.`" + table + "` t USING (SELECT 1L AS id, 'aa' AS name UNION ALL SELECT 4L, 'd') s"
                + " ON t.id = s.id WHEN MATCHED THEN UPDATE SET t.name = s.name WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name)");

        Set<ChangeKind> all = EnumSet.allOf(ChangeKind.class);
        List<ChangeEvent> expected = SparkChanges.events(SparkChanges.feed(spark, table, 0, 4).orThrow("table_changes"),
                List.of("id"), all, Envelope.ROW);
        String topic = kafka.createUniqueTopic("dml", 2);
        try (DeltaToKafkaPipeline p = DeltaToKafka.builder().bridgeName("interop").mappingName(topic).table(table)
                .topic(topic).key("id").changes(all.toArray(ChangeKind[]::new)).envelope(Envelope.ROW)
                .kafka(settings()).build()) {
            p.runOnce();
        }
        assertEquals(7, expected.size(), "Spark's change feed: 3 inserts, an update, a delete, a MERGE update + insert");
        kafka.readUntil(topic, expected.size(), TIMEOUT);
        List<ChangeEvent> actual = PublishedChanges.events(kafka.readAll(topic, TIMEOUT), Envelope.ROW, SparkDeltaToKafkaIT::json);
        assertEquals(expected.stream().map(String::valueOf).toList(), actual.stream().map(String::valueOf).toList());
    }

    static Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        kafka.clientProperties().forEach((k, v) -> s.put(k, String.valueOf(v)));
        return s;
    }

    static JsonNode json(byte[] bytes) {
        try {
            return SparkSql.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
