package io.deltabridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.StartingVersion;
import io.deltabridge.d2k.DeltaToKafka;
import io.deltabridge.k2d.KafkaToDelta;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Spark writes a source table (change feed on) through a seeded random sequence of INSERT / UPDATE / DELETE /
 * MERGE; delta → kafka publishes it to the broker; kafka → delta {@code mode: upsert} (key {@code id}) lands it
 * in a mirror; Spark reads the mirror and finds exactly the source's rows, every column. The seed is printed;
 * {@code -Dinterop.seed=N} replays it.
 */
@WithKafkaBroker
class SparkUpsertIT {
    static final long SEED = Long.getLong("interop.seed", System.nanoTime());
    private static final String COLUMNS = "id, name, amount, day, tags, info, region";

    @TempDir
    static Path tmp;

    static SparkSql spark;

    @BeforeAll
    static void start() {
        System.out.println("SparkUpsertIT seed " + SEED + " (replay with -Dinterop.seed=" + SEED + ")");
        spark = SparkSql.start(tmp.resolve("spark"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"true,ROW", "false,DEBEZIUM"}) // envelope row on an unpartitioned table: the test below
    void sparkReadsTheMirrorWithTheSourceRows(boolean partitioned, Envelope envelope, KafkaCluster kafka) {
        Mirror m = new Mirror(kafka, "p" + partitioned + "-" + envelope, partitioned, envelope);
        m.source.run(10);
        m.sync();
        m.assertEqual("after " + m.source.statements());
    }

    @Test
    void theMirrorStaysCorrectWhenSparkChangesItBetweenUpserts(KafkaCluster kafka) {
        Mirror m = new Mirror(kafka, "spark-writes", false, Envelope.ROW);
        m.source.run(6);
        m.sync();
        m.assertEqual("after the first upsert run");

        // Spark changes the mirror (as it changes the source, so both stay equal) and compacts it: the next
        // upsert run must find the keys in the files Spark rewrote
        String update =
                "UPDATE {t} SET name = concat(name, '-spark'), info = named_struct('n', 7, 'note', 'spark') WHERE id % 3 = 0";
        String delete = "DELETE FROM {t} WHERE id % 5 = 1";
        for (String sql : List.of(update, delete)) {
            spark.execute(sql.replace("{t}", m.source.table));
            spark.execute(sql.replace("{t}", m.mirror()));
        }
        m.source.forgetDeleted(id -> id % 5 == 1);
        spark.execute("OPTIMIZE " + m.mirror());
        m.source.run(6);
        m.sync();
        m.assertEqual("after Spark's UPDATE, DELETE, OPTIMIZE on the mirror and a second upsert run");
    }

    /**
     * Spark's UPDATEs that change the key column: delta → kafka publishes a delete of the old key before the new key's
     * update, so the mirror drops the old key's row (before: the mirror kept it). Keys move within a sync and across
     * syncs, and back to keys they left.
     */
    @ParameterizedTest
    @CsvSource({"ROW", "DEBEZIUM"})
    void updatesThatChangeTheKeyAreMirrored(Envelope envelope, KafkaCluster kafka) {
        Mirror m = new Mirror(kafka, "rekey-" + envelope, false, envelope);
        m.source.run(4);
        m.source.renumber();
        m.source.run(2);
        m.source.renumber();
        m.sync();
        m.assertEqual("after " + m.source.statements());
        m.source.renumber();
        m.sync();
        m.assertEqual("after " + m.source.statements());
    }

    /** A source table Spark writes, its topic and its mirror; {@link #sync} publishes and upserts what is new. */
    private static final class Mirror {
        final KafkaCluster kafka;
        final String name;
        final Envelope envelope;
        final SparkSource source;
        final String topic;
        final String progress = KafkaCluster.uniqueName("progress");
        final Path sink;

        Mirror(KafkaCluster kafka, String name, boolean partitioned, Envelope envelope) {
            this.kafka = kafka;
            this.name = name;
            this.envelope = envelope;
            Path source = tmp.resolve("source-" + name);
            this.source = new SparkSource(spark, "delta.`" + source + "`", new Random(SEED ^ name.hashCode()));
            this.source.create(partitioned);
            this.topic = kafka.createUniqueTopic("upsert-" + name, 2);
            this.sink = tmp.resolve("mirror-" + name);
        }

        String mirror() {
            return "delta.`" + sink + "`";
        }

        /** Publishes the source's new versions and upserts them into the mirror (both resume where they were). */
        void sync() {
            Map<String, String> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
            String path = source.table.substring("delta.`".length(), source.table.length() - 1);
            try (var out = DeltaToKafka.builder()
                    .bridgeName("interop")
                    .mappingName(name + "-out")
                    .kafka(client)
                    .table(path)
                    .topic(topic)
                    .key("id")
                    .format(Format.JSON)
                    .envelope(envelope)
                    .changes(ChangeKind.INSERT, ChangeKind.UPDATE, ChangeKind.DELETE)
                    .startingVersion(new StartingVersion.Earliest())
                    .progressTopic(progress)
                    .build()) {
                out.runOnce();
            }
            KafkaToDelta.builder()
                    .bridgeName("interop")
                    .name(name + "-in")
                    .kafka(client)
                    .topics(topic)
                    .table(sink.toString())
                    .create(true)
                    .schema(SparkSource.DDL)
                    .format(Format.JSON)
                    .tableProperty(
                            "delta.enableDeletionVectors", "true") // Spark's UPDATE / DELETE on the mirror write them
                    .upsert("id")
                    .envelope(envelope)
                    .flush(new FlushPolicy(25, 1 << 20, Duration.ofMinutes(1)))
                    .build()
                    .runOnce();
        }

        void assertEqual(String when) {
            List<ObjectNode> expected = spark.rows("SELECT " + COLUMNS + " FROM " + source.table + " ORDER BY id");
            assertFalse(expected.isEmpty(), "the source has rows " + when + " (seed " + SEED + ")");
            List<ObjectNode> actual = spark.rows("SELECT " + COLUMNS + " FROM " + mirror() + " ORDER BY id");
            assertEquals(expected, actual, "Spark reads the mirror " + name + " " + when + " (seed " + SEED + ")");
        }
    }
}
