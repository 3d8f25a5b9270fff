package io.deltabridge.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSourceTest {
    private static final String YAML = """
            name: b
            kafka:
              bootstrap.servers: k:9092
            mappings:
              - name: in
                from: { kafka: [t1, t2] }
                to:
                  delta: /t
                  partition-by: [d]
              - name: out
                from: { delta: /t }
                to: { kafka: o }
                key: [id]
            """;

    @Test
    void locatesEveryKeyByPath() {
        ConfigSource source =
                ConfigLoader.load(YAML, "conf/bridge.yaml", Map.of()).source();
        assertEquals("conf/bridge.yaml", source.name());
        assertEquals("conf/bridge.yaml:1:1 (name)", source.locate("name"));
        assertEquals("conf/bridge.yaml:3:3 (kafka.bootstrap.servers)", source.locate("kafka.bootstrap.servers"));
        assertEquals("conf/bridge.yaml:5:5 (mappings[0])", source.locate("mappings[0]"));
        assertEquals(
                "conf/bridge.yaml:9:7 (mappings[0].to.partition-by)", source.locate("mappings[0].to.partition-by"));
        assertEquals("conf/bridge.yaml:6:25 (mappings[0].from.kafka[1])", source.locate("mappings[0].from.kafka[1]"));
        assertEquals("conf/bridge.yaml:13:5 (mappings[1].key)", source.locate("mappings[1].key"));
    }

    @Test
    void anAbsentKeyIsLocatedAtItsNearestParent() {
        ConfigSource source = ConfigLoader.load(YAML, "bridge.yaml", Map.of()).source();
        assertEquals("bridge.yaml:7:5 (mappings[0].to.create)", source.locate("mappings[0].to.create"));
        assertEquals("bridge.yaml:10:5 (mappings[1].flush.max-bytes)", source.locate("mappings[1].flush.max-bytes"));
        assertEquals("bridge.yaml:1:1 (nothing.here)", source.locate("nothing.here"));
    }

    @Test
    void errorAtGivesALocatedConfigException() {
        ConfigSource source = ConfigLoader.load(YAML, "bridge.yaml", Map.of()).source();
        ConfigException e = source.errorAt(
                "mappings[1].key",
                Problem.of("key column `id` is not in table /t")
                        .because("the table has columns a, b")
                        .fix("change `key` to columns of the table"));
        assertEquals("bridge.yaml:13:5 (mappings[1].key): key column `id` is not in table /t", e.problem());
        assertEquals("change `key` to columns of the table", e.fix());
    }

    @Test
    void aConfigurationFromAMapIsLocatedByKeyPath() {
        ConfigSource source = ConfigLoader.fromMap(
                        Map.of(
                                "name", "b",
                                "kafka", Map.of("bootstrap.servers", "k:9092"),
                                "mappings",
                                        List.of(Map.of(
                                                "name",
                                                "in",
                                                "from",
                                                Map.of("kafka", "t"),
                                                "to",
                                                Map.of("delta", "/t")))),
                        Map.of())
                .source();
        assertEquals("<map>", source.name());
        assertEquals("<map> (mappings[0].to.delta)", source.locate("mappings[0].to.delta"));
    }
}
