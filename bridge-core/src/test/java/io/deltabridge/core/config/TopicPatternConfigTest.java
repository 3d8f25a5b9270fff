package io.deltabridge.core.config;

import static io.deltabridge.core.config.ConfigErrorsTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code from: {kafka-pattern}} (SPEC §8): read, checked, printed back. */
class TopicPatternConfigTest {
    private static final String HEAD = """
            name: b
            kafka: { bootstrap.servers: localhost:9092 }
            mappings:
              - name: in
                to: { delta: /t, create: true, schema: "id BIGINT" }
            """;

    private static KafkaToDeltaMapping load(String yaml) {
        return (KafkaToDeltaMapping)
                ConfigLoader.load(yaml, "bridge.yaml", Map.of()).mappings().get(0);
    }

    @Test
    void aPatternMakesAKafkaToDeltaMappingReadingEveryMatchingTopic() {
        KafkaToDeltaMapping m = load(HEAD + "    from: { kafka-pattern: \"orders\\\\..*\" }\n");
        assertEquals(Optional.of("orders\\..*"), m.topicPattern());
        assertEquals(List.of(), m.topics());
        assertEquals(
                List.of("orders.eu", "orders.us"),
                m.topicsAmong(List.of("orders.us", "orders-dlq", "orders.eu", "ordersXeu", "x.orders.eu")));
        assertEquals("topics matching `orders\\..*`", m.sourceDescription());
    }

    @Test
    void internalTopicsNeverMatch() {
        KafkaToDeltaMapping m = load(HEAD + "    from: { kafka-pattern: \".*\" }\n");
        assertEquals(List.of("a", "b"), m.topicsAmong(List.of("__consumer_offsets", "b", "__transaction_state", "a")));
    }

    @Test
    void aListOfTopicsHasNoPattern() {
        KafkaToDeltaMapping m = load(HEAD + "    from: { kafka: [a, b] }\n");
        assertEquals(Optional.empty(), m.topicPattern());
        assertEquals(List.of("a"), m.topicsAmong(List.of("a", "c")));
        assertEquals("topics [a, b]", m.sourceDescription());
    }

    @Test
    void topicsAndAPatternTogetherAreAnError() {
        Problem p = only(HEAD + "    from: { kafka: [a], kafka-pattern: \"a.*\" }\n");
        assertEquals(
                "bridge.yaml:6:25 (mappings[0].from.kafka-pattern): `from` names both `kafka` and `kafka-pattern`",
                p.problem());
        assertEquals(
                "mapping `in` reads either the topics listed in `kafka` or every topic matching `kafka-pattern`",
                p.reason());
        assertEquals("keep one: list the topics (`kafka: [a, b]`) or match them (`kafka-pattern: \"a|b\"`)", p.fix());
    }

    @Test
    void anInvalidRegularExpressionIsAnErrorNamingTheMapping() {
        Problem p = only(HEAD + "    from: { kafka-pattern: \"orders[\" }\n");
        assertEquals(
                "bridge.yaml:6:28 (mappings[0].from.kafka-pattern): `kafka-pattern` of mapping `in` is not a valid regular expression",
                p.problem());
        assertEquals("Unclosed character class at index 6 of `orders[`", p.reason());
        assertTrue(p.fix().startsWith("write a Java regular expression matching whole topic names"), p.fix());
    }

    @Test
    void aPatternWithADeltaSourceIsAnError() {
        Problem p = only(HEAD.replace(
                        "to: { delta: /t, create: true, schema: \"id BIGINT\" }", "to: { kafka: o }\n    key: [id]")
                + "    from: { delta: /t, kafka-pattern: \"a.*\" }\n");
        assertEquals(
                "`from` names both `delta` and `kafka`",
                p.problem().substring(p.problem().indexOf("): ") + 3));
    }

    @Test
    void aDeadLetterTopicMatchingThePatternIsAnError() {
        Problem p = only(HEAD + """
                    from: { kafka-pattern: "orders.*" }
                    dead-letter-topic: orders-dlq
                """);
        assertEquals(
                "bridge.yaml:7:24 (mappings[0].dead-letter-topic): `dead-letter-topic` `orders-dlq` matches `kafka-pattern`",
                p.problem());
        assertEquals("mapping `in` would read its own rejected records again, forever", p.reason());
        KafkaToDeltaMapping ok = load(HEAD + """
                    from: { kafka-pattern: "orders\\\\..*" }
                    dead-letter-topic: orders-dlq
                """);
        assertEquals(Optional.of("orders-dlq"), ok.deadLetterTopic());
    }

    @Test
    void aPatternIsAnOptionOfKafkaToDeltaOnly() {
        Problem p = only("""
                name: b
                kafka: { bootstrap.servers: localhost:9092 }
                mappings:
                  - name: out
                    from: { delta: /t }
                    to: { kafka: o, kafka-pattern: "x" }
                    key: [id]
                """);
        assertTrue(p.problem().contains("unknown key `kafka-pattern` in `mappings[].to`"), p.problem());
    }

    @Test
    void printedConfigurationLoadsBackWithThePattern() {
        BridgeConfig config = ConfigLoader.load(
                HEAD + "    from: { kafka-pattern: \"orders\\\\.(eu|us)-.*\" }\n", "bridge.yaml", Map.of());
        String printed = ConfigPrinter.render(config);
        assertTrue(printed.contains("kafka-pattern: 'orders\\.(eu|us)-.*'"), printed);
        assertEquals(
                config.mappings(),
                ConfigLoader.load(printed, "bridge.yaml", Map.of()).mappings());
    }
}
