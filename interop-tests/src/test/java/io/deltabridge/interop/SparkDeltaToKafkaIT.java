package io.deltabridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.StartingVersion;
import io.deltabridge.core.error.DataException;
import io.deltabridge.d2k.DeltaToKafka;
import io.deltabridge.d2k.DeltaToKafkaPipeline;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** delta → kafka against Spark's {@code table_changes}: tables written by Spark, events read back from the broker. */
@WithKafkaBroker
@ExtendWith(SparkExtension.class)
class SparkDeltaToKafkaIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;

    static SparkSql spark;
    static KafkaCluster kafka;

    @BeforeAll
    static void start(KafkaCluster cluster, SparkSql sparkSql) {
        kafka = cluster;
        spark = sparkSql;
    }

    @Test
    void dmlOnACdfTableIsPublishedAsSparkReadsIt() {
        String table = create("dml", "id BIGINT, name STRING, amount DECIMAL(10,2)");
        spark.execute("INSERT INTO delta.`" + table + "` VALUES (1, 'a', 1.50), (2, 'b', 2.00), (3, 'c', null)");
        spark.execute("UPDATE delta.`" + table + "` SET name = 'bb' WHERE id = 2");
        spark.execute("DELETE FROM delta.`" + table + "` WHERE id = 3");
        spark.execute(
                "MERGE INTO delta.`" + table + "` t USING (SELECT 1L AS id, 'aa' AS name UNION ALL SELECT 4L, 'd') s"
                        + " ON t.id = s.id WHEN MATCHED THEN UPDATE SET t.name = s.name WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name)");

        assertEquals(
                7,
                publishedAsSparkReads(table),
                "Spark's change feed: 3 inserts, an update, a delete, a MERGE update + insert");
    }

    @Test
    void fieldsAddedInsideStructsArraysAndMapsAreNullInOlderRows() {
        String table = create(
                "nested", "id BIGINT, s STRUCT<a: INT>, arr ARRAY<STRUCT<x: INT>>, m MAP<STRING, STRUCT<v: INT>>");
        spark.execute("INSERT INTO delta.`" + table + "` VALUES (1, named_struct('a', 1), array(named_struct('x', 1)),"
                + " map('k', named_struct('v', 1)))");
        spark.execute(
                "ALTER TABLE delta.`" + table + "` ADD COLUMNS (s.b STRING, arr.element.y STRING, m.value.w STRING)");
        spark.execute("INSERT INTO delta.`" + table + "` VALUES (2, named_struct('a', 2, 'b', 'two'),"
                + " array(named_struct('x', 2, 'y', 'two')), map('k', named_struct('v', 2, 'w', 'two')))");

        assertEquals(2, publishedAsSparkReads(table), "two inserts");
    }

    @Test
    void aRenamedColumnStopsTheFeedWhereSparkDoesAndSaysWhereToRestart() {
        assertRefusedAsSparkDoes("renamed", "'delta.columnMapping.mode' = 'name'", "RENAME COLUMN name TO label");
    }

    @Test
    void aDroppedColumnStopsTheFeedWhereSparkDoesAndSaysWhereToRestart() {
        assertRefusedAsSparkDoes("dropped", "'delta.columnMapping.mode' = 'id'", "DROP COLUMN name");
    }

    @Test
    void aWidenedTypeStopsTheFeedWhereSparkDoesAndSaysWhereToRestart() {
        assertRefusedAsSparkDoes("widened", "'delta.enableTypeWidening' = 'true'", "ALTER COLUMN qty TYPE INT");
    }

    /** Versions 1 (insert), 2 (the change), 3 (insert): Spark reads 2..3 but not 1..3, nor does the bridge. */
    private static void assertRefusedAsSparkDoes(String name, String property, String change) {
        String table = create(name, "id BIGINT, name STRING, qty SMALLINT", ", " + property);
        spark.execute("INSERT INTO delta.`" + table + "` VALUES (1, 'a', 1)");
        spark.execute("ALTER TABLE delta.`" + table + "` " + change);
        spark.execute("INSERT INTO delta.`" + table + "` (id) VALUES (2)");
        SparkSql.Answer refused = SparkChanges.feed(spark, table, 1, 3);
        assertEquals("DELTA_CHANGE_DATA_FEED_INCOMPATIBLE_DATA_SCHEMA", refused.condition(), refused.message());
        assertTrue(SparkChanges.feed(spark, table, 2, 3).ok());

        String topic = kafka.createUniqueTopic(name, 2);
        DataException e = assertThrows(DataException.class, () -> {
            try (DeltaToKafkaPipeline p = pipeline(table, topic, 1)) {
                p.runOnce();
            }
        });
        assertTrue(
                e.getMessage().contains("from version 1 to 3") && e.getMessage().contains("starting-version: 2"),
                e.getMessage());
        assertEquals(0, kafka.readAll(topic, TIMEOUT).size(), "nothing published");
    }

    private static String create(String name, String columns) {
        return create(name, columns, "");
    }

    private static String create(String name, String columns, String moreProperties) {
        String table = tmp.resolve(name).toString();
        spark.execute("CREATE TABLE delta.`" + table + "` (" + columns + ") USING delta"
                + " TBLPROPERTIES (delta.enableChangeDataFeed = true" + moreProperties + ")");
        return table;
    }

    private static DeltaToKafkaPipeline pipeline(String table, String topic, long startingVersion) {
        return DeltaToKafka.builder()
                .bridgeName("interop")
                .mappingName(topic)
                .table(table)
                .topic(topic)
                .key("id")
                .changes(ChangeKind.values())
                .envelope(Envelope.ROW)
                .startingVersion(new StartingVersion.AtVersion(startingVersion))
                .kafka(settings())
                .build();
    }

    /** Runs a JSON row mapping of every change over the whole table once; asserts it published what Spark reads. */
    private static int publishedAsSparkReads(String table) {
        Set<ChangeKind> all = EnumSet.allOf(ChangeKind.class);
        long latest = spark.rows("DESCRIBE HISTORY delta.`" + table + "` LIMIT 1")
                .get(0)
                .get("version")
                .asLong();
        List<ChangeEvent> expected = SparkChanges.events(
                SparkChanges.feed(spark, table, 0, latest).orThrow("table_changes"), List.of("id"), all, Envelope.ROW);
        String topic = kafka.createUniqueTopic("spark", 2);
        try (DeltaToKafkaPipeline p = pipeline(table, topic, 0)) {
            p.runOnce();
        }
        kafka.readUntil(topic, expected.size(), TIMEOUT);
        List<ChangeEvent> actual =
                PublishedChanges.events(kafka.readAll(topic, TIMEOUT), Envelope.ROW, PublishingMapping::json);
        assertEquals(
                expected.stream().map(String::valueOf).toList(),
                actual.stream().map(String::valueOf).toList());
        return expected.size();
    }

    static Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        kafka.clientProperties().forEach((k, v) -> s.put(k, String.valueOf(v)));
        return s;
    }
}
