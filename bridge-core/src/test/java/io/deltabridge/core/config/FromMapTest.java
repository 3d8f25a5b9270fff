package io.deltabridge.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.Problem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Embedding: the configuration tree as a map, e.g. bound by Spring from application.yaml. */
class FromMapTest {

    @Test
    void buildsTheSameConfigurationAsYaml() {
        Map<String, Object> tree = Map.of(
                "name", "embedded",
                "kafka", Map.of("bootstrap.servers", "${BOOT}", "linger.ms", 5),
                "mappings",
                        List.of(
                                Map.of(
                                        "name",
                                        "out",
                                        "from",
                                        Map.of("delta", "/t"),
                                        "to",
                                        Map.of("kafka", "o"),
                                        "key",
                                        "id",
                                        "poll-interval",
                                        "250ms",
                                        "max-transaction-records",
                                        50),
                                Map.of(
                                        "name",
                                        "in",
                                        "from",
                                        Map.of("kafka", List.of("a", "b")),
                                        "to",
                                        Map.of("delta", "/u", "create", true),
                                        "flush",
                                        Map.of("max-records", 10L))));
        BridgeConfig config = ConfigLoader.fromMap(tree, Map.of("BOOT", "k:9092"));
        assertEquals(Map.of("bootstrap.servers", "k:9092", "linger.ms", "5"), config.kafka());
        DeltaToKafkaMapping out = (DeltaToKafkaMapping) config.mappings().get(0);
        assertEquals(List.of("id"), out.key());
        assertEquals(Duration.ofMillis(250), out.pollInterval());
        assertEquals(50, out.maxRecordsPerTransaction());
        KafkaToDeltaMapping in = (KafkaToDeltaMapping) config.mappings().get(1);
        assertEquals(List.of("a", "b"), in.topics());
        assertTrue(in.create());
        assertEquals(10, in.flush().maxRecords());
    }

    @Test
    void readsListsThatSpringBindsAsIndexedMaps() {
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("name", "in");
        mapping.put("from", Map.of("kafka", Map.of("0", "a", "1", "b")));
        mapping.put("to", Map.of("delta", "/t"));
        BridgeConfig config = ConfigLoader.fromMap(
                Map.of("name", "b", "kafka", Map.of("bootstrap.servers", "k"), "mappings", Map.of("0", mapping)),
                Map.of());
        assertEquals(List.of("a", "b"), ((KafkaToDeltaMapping) config.mappings().get(0)).topics());
    }

    @Test
    void errorsAreLocatedByKeyPathAndHideSecrets() {
        InvalidConfigException e = assertThrows(
                InvalidConfigException.class,
                () -> ConfigLoader.fromMap(
                        Map.of(
                                "name", "b",
                                "kafka", Map.of("bootstrap.servers", "k", "sasl.jaas.config", "jaas-secret-value"),
                                "schema-registry",
                                        Map.of("url", "http://r", "basic-auth", List.of("user-secret-value")),
                                "mappings",
                                        List.of(Map.of(
                                                "name",
                                                "in",
                                                "from",
                                                Map.of("kafka", "t"),
                                                "to",
                                                Map.of("delta", "/t"),
                                                "partition-by",
                                                "d"))),
                        Map.of()));
        List<Problem> problems = e.problems();
        assertEquals(2, problems.size(), e.getMessage());
        assertFalse(e.getMessage().contains("secret-value"), e.getMessage());
        assertTrue(
                e.getMessage().contains("<map> (schema-registry.basic-auth): invalid value for `basic-auth`"),
                e.getMessage());
        assertEquals(
                "<map> (mappings[0].partition-by): unknown key `partition-by` in `mappings[]`",
                problems.get(1).problem());
        assertEquals("`partition-by` belongs under `to`", problems.get(1).reason());
        assertEquals("move `partition-by` into `to:`", problems.get(1).fix());
    }
}
