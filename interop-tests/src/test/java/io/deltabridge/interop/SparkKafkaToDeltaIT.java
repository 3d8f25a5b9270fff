package io.deltabridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltabridge.k2d.KafkaToDelta;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kafka → delta judged by Spark: tables deltabridge creates (every type of SPEC §7, partitioned and not, lineage
 * columns, rescued data) hold, as Spark reads them, exactly the records sent.
 */
@WithKafkaBroker
class SparkKafkaToDeltaIT {
    static final long SEED = Long.getLong("interop.seed", 20261206L);
    static final int ROWS = Integer.getInteger("interop.rows", 60);

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

    @ParameterizedTest(name = "partitioned by [{0}]")
    @ValueSource(strings = {"", "region", "region,day"})
    void aCreatedTableHoldsTheRecordsSentAsSparkReadsThem(String partitionBy) {
        String table = tmp.resolve("created-" + partitionBy.replace(',', '-')).toString();
        String topic = kafka.createUniqueTopic("all-types", 3);
        SentRecords sent = new SentRecords();
        sent.send(kafka, topic, 3, rows(SEED, 0, ROWS), AllTypesRows.COLUMNS);

        var builder = KafkaToDelta.builder().bridgeName("interop").name(topic).kafka(settings()).topics(topic)
                .table(table).create(true).schema(AllTypesRows.DDL);
        if (!partitionBy.isEmpty()) {
            builder.partitionBy(partitionBy.split(","));
        }
        builder.build().runOnce();

        assertEquals(sent.expected(), SentRecords.comparable(spark.rows("SELECT * FROM delta.`" + table + "`")),
                "seed " + SEED);
    }

    /** Rows {@code from} .. {@code from + count - 1}; every fifth carries a field the table does not have. */
    static List<ObjectNode> rows(long seed, int from, int count) {
        Random random = new Random(seed + from);
        List<ObjectNode> rows = new ArrayList<>();
        for (int id = from; id < from + count; id++) {
            ObjectNode row = AllTypesRows.row(random, id);
            if (id % 5 == 4) {
                row.putObject("extra").put("note", "rescued " + id).putArray("list").add(id).add(true);
            }
            rows.add(row);
        }
        return rows;
    }

    static java.util.Map<String, String> settings() {
        return java.util.Map.of("bootstrap.servers", kafka.bootstrapServers());
    }
}
