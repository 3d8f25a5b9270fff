package io.deltabridge.core.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltabridge.core.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A JSON log line is one parseable object with the event's fields, and no secret in any of them. */
class JsonLineLayoutTest {
    private static final String PASSWORD = "json-Pw-71c2";

    @Test
    void writesOneMaskedJsonObjectPerEvent() throws Exception {
        ConfigLoader.load("""
                name: json-logs
                kafka:
                  bootstrap.servers: localhost:9092
                  ssl.truststore.password: ${TRUST}
                mappings:
                  - name: out
                    from: { delta: /tmp/t }
                    to: { kafka: t }
                    key: [id]
                """, "json-logs.yaml", Map.of("TRUST", PASSWORD));
        JsonLineLayout layout = new JsonLineLayout();
        layout.setContext(new LoggerContext());
        layout.start();
        LoggingEvent event = new LoggingEvent(
                "test",
                new LoggerContext().getLogger("io.deltabridge.x"),
                Level.WARN,
                "rejected \"{}\"\nsecond line",
                new IllegalStateException("store password " + PASSWORD),
                new Object[] {PASSWORD});
        event.setThreadName("pipeline-out");
        event.setMDCPropertyMap(Map.of("mapping", "out"));

        String line = layout.doLayout(event);

        assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, "one line: " + line);
        assertFalse(line.contains(PASSWORD), line);
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals("WARN", json.get("level").asText());
        assertEquals("io.deltabridge.x", json.get("logger").asText());
        assertEquals("pipeline-out", json.get("thread").asText());
        assertEquals("rejected \"****\"\nsecond line", json.get("message").asText());
        assertTrue(json.get("error").asText().startsWith("java.lang.IllegalStateException: store password ****"), line);
        assertEquals("out", json.get("mdc").get("mapping").asText());
        assertEquals(
                event.getTimeStamp(),
                java.time.Instant.parse(json.get("time").asText()).toEpochMilli());
    }
}
