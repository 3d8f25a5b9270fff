package io.deltabridge.examples.spring;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code deltabridge.*} in {@code application.yaml}: the mapping file inline under
 * {@code deltabridge.bridge} (same keys as a mapping file; Kafka keys with dots in brackets,
 * e.g. {@code "[bootstrap.servers]"}), or a file with {@code deltabridge.config-file}.
 *
 * @param bridge     the mapping file's content, inline
 * @param configFile a mapping file instead of {@code bridge}
 * @param mappings   run only these mappings; all when empty
 */
@ConfigurationProperties("deltabridge")
public record DeltaBridgeProperties(Map<String, Object> bridge, Path configFile, List<String> mappings) {
    public DeltaBridgeProperties {
        bridge = bridge == null ? Map.of() : new LinkedHashMap<>(bridge);
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
    }
}
