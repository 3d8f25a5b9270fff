package io.deltabridge.connect;

import io.deltabridge.core.config.InvalidConfigException;
import io.deltabridge.core.error.Problem;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;

/**
 * Answers Connect's {@code validate}: binds the settings as the mapping file would and attaches each error (the
 * same message {@code bridge validate} prints) to the Connect key it is about.
 */
final class ConfigCheck {
    private final ConnectorOptions options;
    private final String tablesKey;

    ConfigCheck(ConnectorOptions options, String tablesKey) {
        this.options = options;
        this.tablesKey = tablesKey;
    }

    void check(Map<String, String> props, Config config) {
        List<String> tables = ConnectorOptions.tables(props.get(tablesKey));
        String name = props.getOrDefault(DeltaChangeFeedSourceConnector.CONNECTOR_NAME, "connector");
        for (String table : tables.isEmpty() ? List.of("") : tables) {
            try {
                options.bridgeConfig(props, name, table);
            } catch (InvalidConfigException e) {
                e.problems().forEach(p -> attach(config, p));
                return;
            }
        }
    }

    private void attach(Config config, Problem problem) {
        String key = keyOf(problem).orElse(tablesKey);
        config.configValues().stream()
                .filter(v -> v.name().equals(key))
                .findFirst()
                .ifPresent(v -> v.addErrorMessage(problem.render()));
    }

    /** The Connect key whose path the problem names, e.g. {@code (mappings[0].key-format)}: the longest match. */
    private Optional<String> keyOf(Problem problem) {
        return options.keys().stream()
                .filter(k -> problem.problem().contains(ConnectorOptions.MAPPING_PATH + k))
                .max(Comparator.comparingInt(String::length));
    }
}
