package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.deltabridge.core.config.ConfigLoader;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.pipeline.Bridge;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A per-topic pattern mapping whose topics cannot be listed fails as the mapping, with the usual Kafka message. */
class TopicTablesPipelineTest {

    @Test
    void topicsThatCannotBeListedFailTheRunWithWhatToCheck(@TempDir Path dir) {
        String yaml = """
                name: b
                kafka: { bootstrap.servers: "127.0.0.1:1" }
                consumer: { default.api.timeout.ms: 300, request.timeout.ms: 300 }
                mappings:
                  - name: in
                    from: { kafka-pattern: "orders\\\\..*" }
                    to: { delta: "%s/{topic}", create: true, schema: "id BIGINT" }
                """.formatted(dir);
        try (Bridge bridge = Bridge.fromConfig(ConfigLoader.load(yaml, "bridge.yaml", Map.of()))) {
            BridgeException e = assertThrows(BridgeException.class, bridge::runOnce);
            assertEquals("Kafka failed for mapping 'in'", e.problem());
        }
    }
}
