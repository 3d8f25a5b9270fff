package io.deltabridge.connect;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ConfigLoader;
import io.deltabridge.core.config.ConfigOption;
import io.deltabridge.core.config.ConfigOption.Scope;
import io.deltabridge.core.config.ConfigOptions;
import io.deltabridge.core.config.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;

/**
 * A connector's configuration, generated from the mapping file's option table ({@link ConfigOptions}): one
 * Connect key per option of the connector's direction, named as in a mapping without {@code mappings[].}
 * ({@code from.delta}, {@code key}, {@code format}...), plus the bridge's {@code bridge.name},
 * {@code schema-registry.*} and {@code delta.*}. The connector's settings become a one-mapping configuration
 * that the mapping file's own binder checks, so values are read and rejected with the same messages.
 */
final class ConnectorOptions {
    static final String MAPPING_PREFIX = "mappings[].";
    static final String BRIDGE_NAME = "bridge.name";
    static final String DELTA_PREFIX = "delta.";
    static final String REGISTRY_PREFIX = "schema-registry.";
    /** The path of the connector's one mapping in the configuration it becomes (errors name it). */
    static final String MAPPING_PATH = "mappings[0].";
    /**
     * Connect's own clients move the records: the bridge's Kafka settings are required by the option table but
     * unused, so the configuration gets a placeholder.
     */
    private static final Map<String, String> UNUSED_KAFKA = Map.of("bootstrap.servers", "kafka-connect-worker");

    /**
     * Options Connect has its own keys for: the connector's name, {@code topics} and {@code topics.regex},
     * {@code errors.tolerance} and {@code errors.deadletterqueue.*}.
     */
    private static final Set<String> REPLACED_BY_CONNECT = Set.of(
            ConfigOptions.MAPPING_NAME.path(),
            ConfigOptions.FROM_KAFKA.path(),
            ConfigOptions.FROM_KAFKA_PATTERN.path(),
            ConfigOptions.DEAD_LETTER_TOPIC.path(),
            ConfigOptions.ON_ERROR.path());

    private final Scope direction;
    private final List<ConfigOption<?>> mappingOptions;

    ConnectorOptions(Scope direction) {
        this.direction = direction;
        this.mappingOptions = ConfigOptions.all().stream()
                .filter(o -> o.path().startsWith(MAPPING_PREFIX))
                .filter(o -> o.scope() == Scope.ANY_MAPPING || o.scope() == direction)
                .filter(o -> !isSection(o.type()))
                .filter(o -> !REPLACED_BY_CONNECT.contains(o.path()))
                .toList();
    }

    /** The Connect key of a mapping option. */
    static String key(ConfigOption<?> option) {
        return option.path().substring(MAPPING_PREFIX.length());
    }

    List<ConfigOption<?>> mappingOptions() {
        return mappingOptions;
    }

    /** Every key, typed as text: the option table's binder parses the values (durations, sizes, lists). */
    ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        def.define(
                BRIDGE_NAME,
                ConfigDef.Type.STRING,
                "deltabridge",
                ConfigDef.Importance.MEDIUM,
                ConfigOptions.NAME.doc());
        def.define(
                ConfigOptions.REGISTRY_URL.path(),
                ConfigDef.Type.STRING,
                null,
                ConfigDef.Importance.MEDIUM,
                ConfigOptions.REGISTRY_URL.doc());
        def.define(
                ConfigOptions.REGISTRY_BASIC_AUTH.path(),
                ConfigDef.Type.PASSWORD,
                null,
                ConfigDef.Importance.LOW,
                ConfigOptions.REGISTRY_BASIC_AUTH.doc());
        for (ConfigOption<?> option : mappingOptions) {
            ConfigDef.Type type = option.secret() ? ConfigDef.Type.PASSWORD : ConfigDef.Type.STRING;
            ConfigDef.Importance importance =
                    option.required() ? ConfigDef.Importance.HIGH : ConfigDef.Importance.MEDIUM;
            def.define(key(option), type, null, importance, docOf(option));
        }
        return def;
    }

    private static String docOf(ConfigOption<?> option) {
        String doc = option.doc() + " Value: " + option.type().description() + ".";
        return option.defaultDescription() == null ? doc : doc + " Default: " + option.defaultDescription() + ".";
    }

    /**
     * The configuration {@code settings} make: the bridge section and one mapping named {@code mappingName} over
     * {@code table}; throws {@link io.deltabridge.core.config.InvalidConfigException} as the mapping file would.
     */
    BridgeConfig bridgeConfig(Map<String, String> settings, String mappingName, String table) {
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("name", mappingName);
        for (ConfigOption<?> option : mappingOptions) {
            String value = settings.get(key(option));
            if (value != null && !value.isBlank()) {
                put(mapping, key(option), isList(option.type()) ? splitList(value) : value.strip());
            }
        }
        if (!table.isEmpty()) {
            put(mapping, direction == Scope.DELTA_TO_KAFKA ? "from.delta" : "to.delta", table);
        }
        if (direction == Scope.KAFKA_TO_DELTA) {
            String regex = settings.get(DeltaSinkConnector.TOPICS_REGEX);
            if (regex != null
                    && !regex.isBlank()
                    && settings.getOrDefault(DeltaSinkConnector.TOPICS, "").isBlank()) {
                put(mapping, "from.kafka-pattern", regex.strip());
            } else {
                put(mapping, "from.kafka", splitList(settings.getOrDefault(DeltaSinkConnector.TOPICS, "")));
            }
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", settings.getOrDefault(BRIDGE_NAME, "deltabridge"));
        tree.put("kafka", UNUSED_KAFKA);
        tree.put("delta", withPrefix(settings, DELTA_PREFIX));
        Map<String, String> registry = withPrefix(settings, REGISTRY_PREFIX);
        if (!registry.isEmpty()) {
            tree.put("schema-registry", registry);
        }
        tree.put("mappings", List.of(mapping));
        return ConfigLoader.fromMap(tree, System.getenv());
    }

    /** The tables a connector names, in {@code from.delta} (source) or {@code to.delta} (sink), comma-separated. */
    static List<String> tables(String value) {
        return value == null ? List.of() : splitList(value);
    }

    private static List<String> splitList(String value) {
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String dottedKey, Object value) {
        String[] parts = dottedKey.split("\\.");
        Map<String, Object> node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        node.put(parts[parts.length - 1], value);
    }

    private static Map<String, String> withPrefix(Map<String, String> settings, String prefix) {
        Map<String, String> section = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (k.startsWith(prefix) && v != null) {
                section.put(k.substring(prefix.length()), v);
            }
        });
        return section;
    }

    private static boolean isList(ValueType<?> type) {
        return type.name().startsWith("list of");
    }

    private static boolean isSection(ValueType<?> type) {
        return type.name().equals("section")
                || type.name().equals("list of sections")
                || type.name().equals("map");
    }

    /** The Connect keys of the mapping options, in the option table's order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        mappingOptions.forEach(o -> keys.add(key(o)));
        return keys;
    }
}
