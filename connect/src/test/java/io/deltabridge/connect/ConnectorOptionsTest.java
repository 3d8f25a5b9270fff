package io.deltabridge.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.ConfigLoader;
import io.deltabridge.core.config.ConfigOption.Scope;
import io.deltabridge.core.config.ConfigOptions;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.InvalidConfigException;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.error.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;
import org.junit.jupiter.api.Test;

class ConnectorOptionsTest {
    private final ConnectorOptions source = new ConnectorOptions(Scope.DELTA_TO_KAFKA);
    private final ConnectorOptions sink = new ConnectorOptions(Scope.KAFKA_TO_DELTA);

    @Test
    void everyMappingOptionOfTheDirectionIsAConnectKey() {
        ConfigOptions.all().stream()
                .filter(o -> o.path().startsWith(ConnectorOptions.MAPPING_PREFIX) && o.scope() == Scope.DELTA_TO_KAFKA)
                .filter(o -> !o.type().name().equals("section"))
                .forEach(o -> assertTrue(source.configDef().names().contains(ConnectorOptions.key(o)), o.path()));
        assertTrue(sink.configDef().names().containsAll(List.of("to.delta", "mode", "flush.max-records", "key")));
        assertTrue(!sink.configDef().names().contains("from.kafka"), "a sink reads Connect's 'topics'");
    }

    @Test
    void settingsBecomeTheMappingTheFileWouldMake() {
        DeltaToKafkaMapping m = (DeltaToKafkaMapping) source.bridgeConfig(
                        Map.of("to.kafka", "t", "key", "a, b", "changes", "insert,delete", "poll-interval", "5s"),
                        "orders",
                        "/lake/orders")
                .mappings()
                .get(0);
        assertEquals("orders", m.name());
        assertEquals(List.of("a", "b"), m.key());
        assertEquals(Duration.ofSeconds(5), m.pollInterval());
        KafkaToDeltaMapping k = (KafkaToDeltaMapping) sink.bridgeConfig(
                        Map.of(
                                "topics",
                                "x,y",
                                "to.delta",
                                "/lake/t",
                                "to.create",
                                "true",
                                "to.schema",
                                "id BIGINT",
                                "flush.max-records",
                                "10"),
                        "s",
                        "/lake/t")
                .mappings()
                .get(0);
        assertEquals(List.of("x", "y"), k.topics());
        assertEquals(10, k.flush().maxRecords());
    }

    @Test
    void topicsRegexIsTheMappingsTopicPattern() {
        KafkaToDeltaMapping k = (KafkaToDeltaMapping) sink.bridgeConfig(
                        Map.of(
                                "topics.regex",
                                "orders\\..*",
                                "to.delta",
                                "/lake/t",
                                "to.create",
                                "true",
                                "to.schema",
                                "id BIGINT"),
                        "s",
                        "/lake/t")
                .mappings()
                .get(0);
        assertEquals(Optional.of("orders\\..*"), k.topicPattern());
        assertEquals(List.of(), k.topics());
        assertTrue(!sink.configDef().names().contains("from.kafka-pattern"), "a sink reads Connect's 'topics.regex'");

        InvalidConfigException bad = assertThrows(
                InvalidConfigException.class,
                () -> sink.bridgeConfig(Map.of("topics.regex", "orders[", "to.delta", "/lake/t"), "s", "/lake/t"));
        assertTrue(
                bad.problems()
                        .get(0)
                        .problem()
                        .contains("`kafka-pattern` of mapping `s` is not a valid regular expression"),
                bad.problems().toString());
    }

    @Test
    void aTablePerTopicIsRefusedBySinkConnectors() {
        Map<String, String> props = Map.of("topics.regex", "orders\\..*", "to.delta", "/lake/{topic}");
        ConfigException e = assertThrows(ConfigException.class, () -> DeltaSinkConnector.bridgeConfig(props));
        assertEquals("`to.delta` `/lake/{topic}` holds `{topic}`", e.problem());
        assertTrue(e.reason().contains("a table per topic is for `bridge run`"), e.reason());
        Config checked = new DeltaSinkConnector().validate(props);
        List<String> errors = checked.configValues().stream()
                .filter(v -> v.name().equals("to.delta"))
                .findFirst()
                .orElseThrow()
                .errorMessages();
        assertTrue(
                errors.stream().anyMatch(m -> m.startsWith("`to.delta` `/lake/{topic}` holds `{topic}`")),
                errors.toString());
    }

    @Test
    void aWrongValueGetsTheMappingFilesMessage() {
        InvalidConfigException connect = assertThrows(
                InvalidConfigException.class,
                () -> source.bridgeConfig(Map.of("to.kafka", "t", "key", "id", "format", "xml"), "m", "/lake/t"));
        InvalidConfigException file = assertThrows(
                InvalidConfigException.class,
                () -> ConfigLoader.fromMap(
                        Map.of(
                                "name",
                                "deltabridge",
                                "kafka",
                                Map.of("bootstrap.servers", "b"),
                                "mappings",
                                List.of(Map.of(
                                        "name",
                                        "m",
                                        "from",
                                        Map.of("delta", "/lake/t"),
                                        "to",
                                        Map.of("kafka", "t"),
                                        "key",
                                        "id",
                                        "format",
                                        "xml"))),
                        Map.of()));
        assertEquals(file.problems(), connect.problems());
    }

    @Test
    void docsConnectMdHasTheGeneratedReference() throws IOException {
        Path docs = Path.of("../docs/connect.md");
        String page = Files.readString(docs, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("deltabridge.regenerate-docs")) {
            page = ConnectorReference.regenerate(page);
            Files.writeString(docs, page, StandardCharsets.UTF_8);
        }
        assertEquals(
                ConnectorReference.render(),
                ConnectorReference.generatedSection(page),
                "docs/connect.md is stale; regenerate it with " + ConnectorReference.REGENERATE);
    }
}
