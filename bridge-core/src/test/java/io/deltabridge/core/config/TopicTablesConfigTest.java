package io.deltabridge.core.config;

import static io.deltabridge.core.config.ConfigErrorsTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code to: {delta: ".../{topic}"}} with {@code from: {kafka-pattern}}: one table per matching topic, checked. */
class TopicTablesConfigTest {
    private static final String HEAD = """
            name: b
            kafka: { bootstrap.servers: localhost:9092 }
            mappings:
              - name: in
                from: { kafka-pattern: "orders\\\\..*" }
            """;

    private static String to(String table) {
        return HEAD + "    to: { delta: \"" + table + "\", create: true, schema: \"id BIGINT\" }\n";
    }

    private static KafkaToDeltaMapping load(String yaml, Map<String, String> env) {
        return (KafkaToDeltaMapping)
                ConfigLoader.load(yaml, "bridge.yaml", env).mappings().get(0);
    }

    @Test
    void aTopicPlaceholderGivesEachMatchingTopicItsOwnMappingAndTable() {
        KafkaToDeltaMapping m = load(to("s3a://lake/bronze/{topic}"), Map.of());
        assertTrue(m.tablePerTopic());
        assertEquals("s3a://lake/bronze/{topic}", m.table());

        KafkaToDeltaMapping eu = m.forTopic("orders.eu");
        assertEquals("in/orders.eu", eu.name());
        assertEquals(List.of("orders.eu"), eu.topics());
        assertEquals(Optional.empty(), eu.topicPattern());
        assertEquals("s3a://lake/bronze/orders.eu", eu.table());
        assertFalse(eu.tablePerTopic());
        assertEquals(m.create(), eu.create());
        assertEquals(m.schema(), eu.schema());
        assertEquals(m.flush(), eu.flush());
        assertEquals(m.index(), eu.index());
    }

    @Test
    void thePlaceholderMayStandAnywhereInThePathAndBesideEnvironmentVariables() {
        KafkaToDeltaMapping m = load(to("${LAKE}/raw_{topic}_v1"), Map.of("LAKE", "/data/lake"));
        assertEquals("/data/lake/raw_{topic}_v1", m.table());
        assertEquals("/data/lake/raw_orders-us_v1", m.forTopic("orders-us").table());
    }

    @Test
    void aTableWithoutThePlaceholderTakesEveryTopic() {
        KafkaToDeltaMapping m = load(to("/lake/orders"), Map.of());
        assertFalse(m.tablePerTopic());
    }

    @Test
    void thePlaceholderWithoutAPatternIsAnError() {
        Problem p = only("""
                name: b
                kafka: { bootstrap.servers: localhost:9092 }
                mappings:
                  - name: in
                    from: { kafka: [orders] }
                    to: { delta: "/lake/{topic}", create: true, schema: "id BIGINT" }
                """);
        assertEquals(
                "bridge.yaml:6:18 (mappings[0].to.delta): `to.delta` of mapping `in` has `{topic}` but the mapping reads no `kafka-pattern`",
                p.problem());
        assertEquals(
                "`{topic}` names one table per topic matching `from.kafka-pattern`; the topics listed in `from.kafka` all go to one table",
                p.reason());
        assertEquals(
                "read the topics with `from: { kafka-pattern: \"...\" }`, or write one mapping per topic with the topic's name in `to.delta`",
                p.fix());
    }

    @Test
    void anUnknownPlaceholderIsAnError() {
        Problem p = only(to("/lake/{topic}/{partition}"));
        assertEquals(
                "bridge.yaml:6:18 (mappings[0].to.delta): `to.delta` of mapping `in` has the unknown placeholder `{partition}`",
                p.problem());
        assertEquals("a table path knows only `{topic}`, the name of the topic the table is for", p.reason());
        assertEquals("write `{topic}`, or `${NAME}` for an environment variable", p.fix());
    }

    @Test
    void thePlaceholderInTheBucketIsAnError() {
        Problem p = only(to("s3a://{topic}/bronze"));
        assertEquals(
                "bridge.yaml:6:18 (mappings[0].to.delta): `{topic}` is not in the path of `to.delta` `s3a://{topic}/bronze`",
                p.problem());
        assertEquals(
                "bucket, container and host names cannot hold every topic name (topics may have `_` and capitals)",
                p.reason());
        assertEquals("put `{topic}` after the bucket, e.g. `s3a://bucket/bronze/{topic}`", p.fix());
    }

    @Test
    void aPathThatGivesNoValidTableLocationIsAnError() {
        Problem p = only(to("s3a://lake/my bronze/{topic}"));
        assertEquals(
                "bridge.yaml:6:18 (mappings[0].to.delta): `to.delta` of mapping `in` gives no valid table location for a topic",
                p.problem());
        assertTrue(
                p.reason().startsWith("for topic `Orders.eu_1-x` it is `s3a://lake/my bronze/Orders.eu_1-x`: "),
                p.reason());
        assertTrue(p.fix().startsWith("use a local path or a URI such as s3a://bucket/table"), p.fix());
    }

    @Test
    void printedConfigurationLoadsBackWithThePlaceholder() {
        BridgeConfig config = ConfigLoader.load(to("s3a://lake/bronze/{topic}"), "bridge.yaml", Map.of());
        String printed = ConfigPrinter.render(config);
        assertEquals(
                config.mappings(),
                ConfigLoader.load(printed, "bridge.yaml", Map.of()).mappings(),
                printed);
    }
}
