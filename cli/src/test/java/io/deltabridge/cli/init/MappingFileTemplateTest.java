package io.deltabridge.cli.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.config.ConfigLoader;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingFileTemplateTest {
    private static final StructType SCHEMA =
            new StructType().add("name", StringType.STRING, true).add("customer_id", IntegerType.INTEGER, false);

    @Test
    void aTableWithoutChangeFeedSaysHowToEnableItAndTheFileLoads() {
        String text = MappingFileTemplate.forTable(
                new TableFacts("s3a://lake/gold/Churn Scores", "Churn Scores", SCHEMA, 12, false),
                InitCommand.DEFAULT_BOOTSTRAP);

        assertTrue(
                text.contains(
                        "ALTER TABLE delta.`s3a://lake/gold/Churn Scores` SET TBLPROPERTIES (delta.enableChangeDataFeed = true)"),
                text);
        assertTrue(text.contains("(a guess: its name)"), text);
        var config = ConfigLoader.load(text, "init.yaml", Map.of());
        DeltaToKafkaMapping m = (DeltaToKafkaMapping) config.mappings().get(0);
        assertEquals("churn-scores-out", m.name());
        assertEquals(List.of("customer_id"), m.key());
        assertEquals("churn-scores", m.topic());
        assertEquals("localhost:9092", config.kafka().get("bootstrap.servers"));
    }

    @Test
    void withoutAnIdColumnTheFirstColumnIsTheGuess() {
        StructType schema = new StructType().add("a", StringType.STRING, true).add("b", StringType.STRING, true);
        String text = MappingFileTemplate.forTable(new TableFacts("/t/x", "x", schema, 0, true), "h:1");
        assertTrue(text.contains("(a guess: the first column)\n    key: [\"a\"]"), text);
        assertTrue(!text.contains("ALTER TABLE"), text);
    }
}
