package io.deltabridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.RegistryConfig;
import io.deltabridge.core.config.StartingVersion;
import io.deltabridge.core.registry.HttpSchemaRegistryClient;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.core.schema.DdlParser;
import io.deltabridge.d2k.DeltaToKafka;
import io.deltabridge.k2d.KafkaToDelta;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.SchemaRegistryExtension;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A table Spark writes (every type of SPEC §7) → delta → kafka → the broker → kafka → delta → a new table: Spark
 * reads the same rows from both, in JSON and in Avro through the real registry.
 */
@WithKafkaBroker
@ExtendWith(SchemaRegistryExtension.class)
class SparkRoundTripIT {
    @TempDir
    static Path tmp;

    static SparkSql spark;

    @BeforeAll
    static void start() {
        spark = SparkSql.start(tmp.resolve("spark"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Format.class,
            names = {"JSON", "AVRO"})
    void everyTypeSurvivesTheRoundTripAsSparkReadsIt(Format format, KafkaCluster kafka, RegistryConfig registryConfig)
            throws Exception {
        String source = "delta.`" + tmp.resolve("source-" + format) + "`";
        spark.execute("CREATE TABLE " + source + " (" + AllTypesRows.DDL + ") USING delta PARTITIONED BY (region)"
                + " TBLPROPERTIES (delta.enableChangeDataFeed = true)");
        SqlLiterals literals = new SqlLiterals(DdlParser.parse(AllTypesRows.DDL));
        List<String> values = SparkKafkaToDeltaIT.rows(SparkKafkaToDeltaIT.SEED, 0, 30).stream()
                .map(literals::row)
                .toList();
        spark.execute("INSERT INTO " + source + " VALUES " + String.join(", ", values));

        String topic = kafka.createUniqueTopic("round-trip-" + format.name().toLowerCase(), 2);
        Path sink = tmp.resolve("sink-" + format);
        Map<String, String> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
        try (SchemaRegistryClient registry = new HttpSchemaRegistryClient(registryConfig)) {
            try (var out = DeltaToKafka.builder()
                    .bridgeName("interop")
                    .mappingName(topic + "-out")
                    .kafka(client)
                    .table(tmp.resolve("source-" + format).toString())
                    .topic(topic)
                    .key("id")
                    .format(format)
                    .changes(ChangeKind.INSERT)
                    .startingVersion(new StartingVersion.Earliest())
                    .schemaRegistry(registry)
                    .progressTopic(KafkaCluster.uniqueName("progress"))
                    .build()) {
                out.runOnce();
            }
            var in = KafkaToDelta.builder()
                    .bridgeName("interop")
                    .name(topic + "-in")
                    .kafka(client)
                    .topics(topic)
                    .table(sink.toString())
                    .create(true)
                    .format(format)
                    .schemaRegistry(registry);
            if (format == Format.JSON) {
                in.schema(AllTypesRows.DDL);
            }
            in.build().runOnce();
        }

        String columns = String.join(", ", AllTypesRows.COLUMNS);
        assertEquals(
                sorted(spark.rows("SELECT * FROM " + source)),
                sorted(spark.rows("SELECT " + columns + " FROM delta.`" + sink + "`")),
                "seed " + SparkKafkaToDeltaIT.SEED);
    }

    private static List<ObjectNode> sorted(List<ObjectNode> rows) {
        List<ObjectNode> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(r -> r.get("id").asLong()));
        return out;
    }
}
