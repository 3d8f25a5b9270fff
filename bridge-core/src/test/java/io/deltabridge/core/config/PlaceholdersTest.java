package io.deltabridge.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.Problem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {
    private final Placeholders placeholders = new Placeholders(Map.of("HOST", "k1", "PORT", "9092", "EMPTY", ""));

    @Test
    void replacesVariablesAndDefaults() {
        assertEquals("k1:9092", resolve("${HOST}:${PORT}"));
        assertEquals("k1:9093", resolve("${HOST:-x}:${MISSING_PORT:-9093}"));
        assertEquals("fallback", resolve("${EMPTY:-fallback}"), "as in a shell, :- also covers an empty variable");
        assertEquals("", resolve("${EMPTY}"));
        assertEquals("", resolve("${MISSING:-}"));
        assertEquals("a:b", resolve("${MISSING:-a:b}"));
        assertEquals("literal ${HOST} and k1", resolve("literal $${HOST} and ${HOST}"));
        assertEquals("no placeholders $HOST {x}", resolve("no placeholders $HOST {x}"));
    }

    @Test
    void aMissingVariableWithoutDefaultIsAProblemNamingIt() {
        Problem p = placeholders.resolve("${HOST}:${SR_PASSWORD}").problem().orElseThrow();
        assertEquals("environment variable `SR_PASSWORD` is not set", p.problem());
        assertEquals("set SR_PASSWORD in the environment, or give a default: ${SR_PASSWORD:-value}", p.fix());
    }

    @Test
    void malformedPlaceholdersAreProblems() {
        assertEquals(
                "unterminated placeholder `${`",
                placeholders.resolve("${HOST").problem().orElseThrow().problem());
        assertTrue(
                placeholders.resolve("${1X}").problem().orElseThrow().problem().startsWith("invalid placeholder"));
    }

    @Test
    void substitutesInEveryScalarOfTheFile() {
        BridgeConfig config =
                ConfigLoader.load("""
                name: ${BRIDGE:-b}
                kafka: { bootstrap.servers: "${HOST}:${PORT}" }
                mappings:
                  - name: in
                    from: { kafka: ["${TOPIC:-orders}", other] }
                    to: { delta: "${LAKE:-/lake}/orders" }
                    flush: { max-records: "${MAX:-10}" }
                """, "bridge.yaml", Map.of("HOST", "k1", "PORT", "9092", "LAKE", "s3a://b"));
        assertEquals("b", config.name());
        assertEquals("k1:9092", config.kafka().get("bootstrap.servers"));
        KafkaToDeltaMapping in = (KafkaToDeltaMapping) config.mappings().get(0);
        assertEquals(java.util.List.of("orders", "other"), in.topics());
        assertEquals("s3a://b/orders", in.table());
        assertEquals(10, in.flush().maxRecords());
    }

    private String resolve(String text) {
        Placeholders.Result result = placeholders.resolve(text);
        assertTrue(result.problem().isEmpty(), () -> result.problem().get().render());
        return result.text();
    }
}
