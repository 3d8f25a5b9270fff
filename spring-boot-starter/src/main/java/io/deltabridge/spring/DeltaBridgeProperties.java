package io.deltabridge.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code deltabridge.*} in {@code application.yaml}: the mapping file inline under {@code deltabridge.bridge}
 * (same keys as a mapping file; Kafka keys with dots in brackets, e.g. {@code "[bootstrap.servers]"}), or a
 * file with {@code deltabridge.config-file}.
 *
 * @param enabled     false: no bridge in this application (default true)
 * @param bridge      the mapping file's content, inline
 * @param configFile  a mapping file instead of {@code bridge}
 * @param mappings    run only these mappings; all when empty
 * @param stallGrace  how long past its own interval a mapping with work waiting may go without progress before the
 *                    health indicator reports it (default 60 s, like {@code bridge run --stall-grace})
 */
@ConfigurationProperties("deltabridge")
public record DeltaBridgeProperties(
        Boolean enabled, Map<String, Object> bridge, Path configFile, List<String> mappings, Duration stallGrace) {
    public DeltaBridgeProperties {
        enabled = enabled == null || enabled;
        bridge = bridge == null ? Map.of() : new LinkedHashMap<>(bridge);
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
        stallGrace = stallGrace == null ? Duration.ofSeconds(60) : stallGrace;
    }
}
