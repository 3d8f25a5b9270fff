package io.deltabridge.core.config;

import static io.deltabridge.core.config.ConfigOptions.*;

import io.deltabridge.core.config.ConfigOption.Scope;
import io.deltabridge.core.config.Node.MapNode;
import io.deltabridge.core.delta.LogStores;
import io.deltabridge.core.error.Problem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a configuration tree into a {@link BridgeConfig}: reads every option through its
 * definition, applies the defaults that depend on other options and checks the rules that
 * span several options (SPEC §2). All errors are gathered, then thrown together.
 */
final class ConfigBinder {
    private final Problems problems;
    /** The client settings of each mapping, as {@link #mappings} reads them. */
    private final Map<String, ClientOverrides> mappingClients = new HashMap<>();

    ConfigBinder(Problems problems) {
        this.problems = problems;
    }

    BridgeConfig bind(Node root) {
        if (!(root instanceof MapNode map)) {
            if (root != null) {
                problems.atKey(
                        "",
                        Problem.of("the configuration is %s, not a mapping of keys", Node.shape(root))
                                .because(
                                        "a mapping file starts with top-level keys such as `name:`, `kafka:` and `mappings:`")
                                .fix("see the configuration reference in README.md for an example"));
            }
            problems.throwIfAny();
            throw new IllegalStateException("unreachable: a tree that is not a mapping is always an error");
        }
        Section top = new Section(map, "", problems);
        top.checkKeys(null, null);
        String name = top.get(NAME);
        Map<String, String> kafka = kafka(top);
        ClientOverrides clients = clientOverrides(top, PRODUCER, CONSUMER, ADMIN);
        Optional<RegistryConfig> registry = registry(top);
        Map<String, String> delta = top.get(DELTA);
        String progressTopic = top.get(PROGRESS_TOPIC);
        List<MappingConfig> mappings = mappings(top, top.has(SCHEMA_REGISTRY), delta == null ? Map.of() : delta);
        Optional<OpenLineageConfig> openLineage = new OpenLineageBinder(problems).bind(top.section(OPENLINEAGE));
        problems.throwIfAny();
        Map<String, ClientOverrides> byMapping = new HashMap<>();
        mappingClients.forEach((mapping, own) -> byMapping.put(mapping, own.over(clients)));
        BridgeConfig config = new BridgeConfig(
                name,
                kafka,
                registry,
                delta,
                progressTopic,
                mappings,
                problems.source(),
                openLineage,
                clients,
                byMapping);
        Secrets.remember(config);
        return config;
    }

    private Map<String, String> kafka(Section top) {
        Map<String, String> kafka = top.get(KAFKA);
        if (kafka != null && !kafka.containsKey("bootstrap.servers")) {
            problems.atKey(
                    top.pathOf(KAFKA),
                    Problem.of("missing required key `bootstrap.servers` in `kafka`")
                            .because("the Kafka clients need the brokers to connect to")
                            .fix("add `bootstrap.servers: host1:9092,host2:9092` under `kafka:`"));
        }
        if (kafka != null) {
            ClientSettingRules.check(kafka, top.pathOf(KAFKA), EnumSet.allOf(ClientRole.class), problems);
        }
        return kafka;
    }

    /** The {@code producer:} / {@code consumer:} / {@code admin:} blocks of a section, each checked against its role's rules. */
    private ClientOverrides clientOverrides(
            Section section,
            ConfigOption<Map<String, String>> producer,
            ConfigOption<Map<String, String>> consumer,
            ConfigOption<Map<String, String>> admin) {
        return new ClientOverrides(
                checked(section, producer, ClientRole.PRODUCER),
                checked(section, consumer, ClientRole.CONSUMER),
                checked(section, admin, ClientRole.ADMIN));
    }

    private Map<String, String> checked(Section section, ConfigOption<Map<String, String>> option, ClientRole role) {
        Map<String, String> settings = orEmptyMap(section.get(option));
        ClientSettingRules.check(settings, section.pathOf(option), EnumSet.of(role), problems);
        return settings;
    }

    private Optional<RegistryConfig> registry(Section top) {
        Section registry = top.section(SCHEMA_REGISTRY);
        if (!registry.isPresent()) {
            return Optional.empty();
        }
        registry.checkKeys(null, null);
        String url = registry.get(REGISTRY_URL);
        if (url != null && !isHttpUrl(url)) {
            problems.atValue(
                    registry.pathOf(REGISTRY_URL),
                    Problem.of("invalid value for `url`")
                            .because("expected an http or https URL, got `%s`", Secrets.redactUrl(url))
                            .fix("write the registry's base URL, e.g. `url: https://registry:8081`"));
        }
        RegistryClientKeys.Resolved client = RegistryClientKeys.resolve(
                registry.find(REGISTRY_BASIC_AUTH), readProperties(registry), registry.path(), problems);
        return url == null
                ? Optional.empty()
                : Optional.of(new RegistryConfig(url, client.basicAuth(), client.properties()));
    }

    /** The registry client properties: the keys of {@code schema-registry} that are not options. */
    private Map<String, String> readProperties(Section registry) {
        MapNode extra = registry.extraEntries();
        try {
            return ValueType.PROPERTIES.read(extra);
        } catch (ValueType.BadValue e) {
            if (!e.alreadyReported) {
                problems.atValue(
                        registry.path() + e.subPath,
                        Problem.of("invalid registry client property")
                                .because("%s", e.detail == null ? "it is not a single value" : e.detail)
                                .fix("write the property as `name: value`"));
            }
            return Map.of();
        }
    }

    static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private List<MappingConfig> mappings(Section top, boolean hasRegistry, Map<String, String> delta) {
        List<Section> sections = top.sections(MAPPINGS);
        if (sections.isEmpty() && top.has(MAPPINGS) && top.find(MAPPINGS).isPresent()) {
            problems.atKey(
                    top.pathOf(MAPPINGS),
                    Problem.of("`mappings` is empty")
                            .because("a bridge needs at least one mapping to do anything")
                            .fix(
                                    "add a mapping under `mappings:`, e.g. `- name: orders-in` with `from:` and `to:` (see the configuration reference in README.md)"));
        }
        List<MappingConfig> mappings = new ArrayList<>();
        Map<String, Integer> firstIndexByName = new HashMap<>();
        for (int i = 0; i < sections.size(); i++) {
            Section section = sections.get(i);
            String name = section.get(MAPPING_NAME);
            if (name != null) {
                Integer first = firstIndexByName.putIfAbsent(name, i);
                if (first != null) {
                    problems.atValue(
                            section.pathOf(MAPPING_NAME),
                            Problem.of("duplicate mapping name `%s`", name)
                                    .because(
                                            "mappings[%d] at %s has the same name",
                                            first, problems.source().locate("mappings[" + first + "].name"))
                                    .fix(
                                            "give each mapping a unique name: `<bridge>.<mapping>` is its transactional id or consumer group id"));
                }
            }
            bindMapping(section, i, name, hasRegistry, delta).ifPresent(mappings::add);
            ClientOverrides own = clientOverrides(section, MAPPING_PRODUCER, MAPPING_CONSUMER, MAPPING_ADMIN);
            if (name != null && !own.equals(ClientOverrides.NONE)) {
                mappingClients.put(name, own);
            }
        }
        return mappings;
    }

    private Optional<MappingConfig> bindMapping(
            Section m, int index, String name, boolean hasRegistry, Map<String, String> delta) {
        int errorsBefore = problems.count();
        String display = name != null ? name : m.path();
        Section from = m.section(FROM);
        Section to = m.section(TO);
        Scope direction = direction(m, from, to, display);
        m.checkKeys(direction, display);
        from.checkKeys(direction, display);
        to.checkKeys(direction, display);
        m.section(FLUSH).checkKeys(direction, display);
        if (direction == null) {
            return Optional.empty();
        }
        MappingConfig mapping = direction == Scope.DELTA_TO_KAFKA
                ? deltaToKafka(m, from, to, index, name, hasRegistry)
                : kafkaToDelta(m, from, to, index, name, hasRegistry, delta);
        return problems.count() == errorsBefore ? Optional.of(mapping) : Optional.empty();
    }

    /** delta → kafka or kafka → delta, from the keys of {@code from} and {@code to}; null (and reported) if neither. */
    private Scope direction(Section m, Section from, Section to, String name) {
        if (!from.isPresent() || !to.isPresent()) {
            return null; // reported as missing or not a mapping
        }
        Boolean fromDelta = side(from, FROM_DELTA, FROM_KAFKA, "reads from", name);
        if (Boolean.FALSE.equals(fromDelta) && !oneTopicSource(from, name)) {
            return null;
        }
        Boolean toDelta = side(to, TO_DELTA, TO_KAFKA, "writes to", name);
        if (fromDelta == null || toDelta == null) {
            return null;
        }
        if (fromDelta != toDelta) {
            return fromDelta ? Scope.DELTA_TO_KAFKA : Scope.KAFKA_TO_DELTA;
        }
        String side = fromDelta ? "delta" : "kafka";
        problems.atKey(
                to.path(),
                Problem.of("mapping `%s` goes from %s to %s", name, side, side)
                        .because(
                                "a mapping either publishes a Delta table's changes to Kafka or appends Kafka topics to a Delta table")
                        .fix(
                                "write `from: {delta: <table>}` with `to: {kafka: <topic>}`, or `from: {kafka: <topics>}` with `to: {delta: <table>}`"));
        return null;
    }

    /** Whether the section names Delta (true) or Kafka (false); null (and reported) when it names both or neither. */
    private Boolean side(Section section, ConfigOption<?> delta, ConfigOption<?> kafka, String verb, String name) {
        boolean hasDelta = section.has(delta);
        boolean hasKafka = section.has(kafka) || kafka == FROM_KAFKA && section.has(FROM_KAFKA_PATTERN);
        String key = section.path().substring(section.path().lastIndexOf('.') + 1);
        if (hasDelta && hasKafka) {
            problems.atKey(
                    section.path(),
                    Problem.of("`%s` names both `delta` and `kafka`", key)
                            .because("mapping `%s` %s one side only", name, verb)
                            .fix("keep one of them, and write a second mapping for the other direction"));
            return null;
        }
        if (!hasDelta && !hasKafka) {
            problems.atKey(
                    section.path(),
                    Problem.of("missing required key `delta` or `kafka` in `%s`", section.path())
                            .because("mapping `%s` must say which side it %s", name, verb)
                            .fix("write `%s: {delta: <table path or URI>}` or `%s: {kafka: <topic>}`", key, key));
            return null;
        }
        return hasDelta;
    }

    /** {@code from} names topics either as a list or as a pattern; false (and reported) when both. */
    private boolean oneTopicSource(Section from, String name) {
        if (from.has(FROM_KAFKA) && from.has(FROM_KAFKA_PATTERN)) {
            problems.atKey(
                    from.pathOf(FROM_KAFKA_PATTERN),
                    Problem.of("`from` names both `kafka` and `kafka-pattern`")
                            .because(
                                    "mapping `%s` reads either the topics listed in `kafka` or every topic matching `kafka-pattern`",
                                    name)
                            .fix(
                                    "keep one: list the topics (`kafka: [a, b]`) or match them (`kafka-pattern: \"a|b\"`)"));
            return false;
        }
        return true;
    }

    /** The regular expression of {@code kafka-pattern}, checked to compile; empty when absent or invalid (reported). */
    private Optional<String> topicPattern(Section from, String name) {
        Optional<String> regex = from.has(FROM_KAFKA_PATTERN) ? from.find(FROM_KAFKA_PATTERN) : Optional.empty();
        try {
            regex.ifPresent(Pattern::compile);
            return regex;
        } catch (PatternSyntaxException e) {
            problems.atValue(
                    from.pathOf(FROM_KAFKA_PATTERN),
                    Problem.of("`kafka-pattern` of mapping `%s` is not a valid regular expression", name)
                            .because("%s at index %d of `%s`", e.getDescription(), e.getIndex(), e.getPattern())
                            .fix(
                                    "write a Java regular expression matching whole topic names, e.g. `kafka-pattern: \"orders\\\\..*\"` "
                                            + "(a literal dot is `\\.`, written `\\\\.` in YAML double quotes)"));
            return Optional.empty();
        }
    }

    private DeltaToKafkaMapping deltaToKafka(
            Section m, Section from, Section to, int index, String name, boolean hasRegistry) {
        Format format = m.get(FORMAT);
        if (!m.has(KEY)) {
            m.missing(KEY);
        }
        List<String> key = m.get(KEY);
        KeyFormat keyFormat = keyFormat(m, format, key, hasRegistry);
        if (format == Format.AVRO && !hasRegistry) {
            noRegistry(m, FORMAT, name);
        }
        List<ChangeKind> changes = m.get(CHANGES);
        if (changes != null && changes.isEmpty()) {
            problems.atValue(
                    m.pathOf(CHANGES),
                    Problem.of("`changes` is empty")
                            .because("mapping `%s` would publish nothing", name)
                            .fix(
                                    "list the change types to publish: `changes: [insert, update]`, add `delete` for tombstones"));
        }
        return new DeltaToKafkaMapping(
                name,
                index,
                from.get(FROM_DELTA),
                to.get(TO_KAFKA),
                key == null ? List.of() : key,
                format,
                keyFormat,
                changes == null || changes.isEmpty() ? EnumSet.noneOf(ChangeKind.class) : EnumSet.copyOf(changes),
                m.get(ENVELOPE),
                m.get(HEADERS),
                m.find(COLUMNS),
                m.get(STARTING_VERSION),
                m.get(POLL_INTERVAL),
                orZero(m.get(MAX_TRANSACTION_RECORDS)));
    }

    /** The key format, its default from {@code format}; a string key of several columns and avro without registry are reported. */
    private KeyFormat keyFormat(Section m, Format format, List<String> key, boolean hasRegistry) {
        KeyFormat keyFormat = m.find(KEY_FORMAT).orElse(format == Format.AVRO ? KeyFormat.AVRO : KeyFormat.JSON);
        if (keyFormat == KeyFormat.STRING && key != null && key.size() > 1) {
            problems.atValue(
                    m.pathOf(KEY_FORMAT),
                    Problem.of("`key-format: string` needs a single key column")
                            .because("`key` has %d columns (%s)", key.size(), String.join(", ", key))
                            .fix("use `key-format: json` or `key-format: avro`, or a single column in `key`"));
        }
        if (keyFormat == KeyFormat.AVRO && !hasRegistry && format != Format.AVRO && m.has(KEY_FORMAT)) {
            noRegistry(m, KEY_FORMAT, m.get(MAPPING_NAME));
        }
        return keyFormat;
    }

    private KafkaToDeltaMapping kafkaToDelta(
            Section m,
            Section from,
            Section to,
            int index,
            String name,
            boolean hasRegistry,
            Map<String, String> delta) {
        Format format = m.get(FORMAT);
        if (format == Format.AVRO && !hasRegistry) {
            noRegistry(m, FORMAT, name);
        }
        Mode mode = m.get(MODE);
        List<String> key = m.get(KEY);
        KeyFormat keyFormat = keyFormat(m, format, key, hasRegistry);
        Envelope envelope = m.get(ENVELOPE);
        if (mode == Mode.UPSERT && !m.has(KEY)) {
            m.missing(KEY);
        } else if (mode == Mode.UPSERT && key != null && key.isEmpty()) {
            problems.atValue(
                    m.pathOf(KEY),
                    Problem.of("`key` is empty")
                            .because("`mode: upsert` finds the row a change applies to by its key columns")
                            .fix("list the columns that identify a row, e.g. `key: [id]`"));
        }
        if (mode == Mode.APPEND) {
            // `envelope: row` is what append reads anyway
            for (ConfigOption<?> upsertOnly :
                    envelope == Envelope.DEBEZIUM ? List.of(KEY, KEY_FORMAT, ENVELOPE) : List.of(KEY, KEY_FORMAT)) {
                if (m.has(upsertOnly)) {
                    problems.atKey(
                            m.pathOf(upsertOnly),
                            Problem.of("`%s` needs `mode: upsert`", upsertOnly.key())
                                    .because(
                                            "mapping `%s` appends every record as a new row (`mode: append`, the default), which uses no key or envelope",
                                            name)
                                    .fix(
                                            "add `mode: upsert` to apply changes by key, or remove `%s`",
                                            upsertOnly.key()));
                }
            }
        }
        List<String> topics = from.get(FROM_KAFKA);
        Optional<String> pattern = topicPattern(from, name);
        Optional<String> deadLetterTopic = m.find(DEAD_LETTER_TOPIC);
        OnError onError = m.find(ON_ERROR).orElse(deadLetterTopic.isPresent() ? OnError.DEAD_LETTER : OnError.FAIL);
        if (onError == OnError.DEAD_LETTER && deadLetterTopic.isEmpty() && !m.has(DEAD_LETTER_TOPIC)) {
            problems.atValue(
                    m.pathOf(ON_ERROR),
                    Problem.of("`on-error: dead-letter` needs a `dead-letter-topic`")
                            .because("mapping `%s` has no topic to send undecodable records to", name)
                            .fix(
                                    "add `dead-letter-topic: %s-dlq` to the mapping, or write `on-error: fail`",
                                    name == null ? "<topic>" : name));
        }
        if (deadLetterTopic.isPresent() && topics != null && topics.contains(deadLetterTopic.get())) {
            problems.atValue(
                    m.pathOf(DEAD_LETTER_TOPIC),
                    Problem.of("`dead-letter-topic` is also a source topic")
                            .because("mapping `%s` would read its own rejected records again, forever", name)
                            .fix("use a separate topic, e.g. `dead-letter-topic: %s-dlq`", deadLetterTopic.get()));
        }
        if (deadLetterTopic.isPresent()
                && pattern.isPresent()
                && Pattern.compile(pattern.get()).matcher(deadLetterTopic.get()).matches()) {
            problems.atValue(
                    m.pathOf(DEAD_LETTER_TOPIC),
                    Problem.of("`dead-letter-topic` `%s` matches `kafka-pattern`", deadLetterTopic.get())
                            .because("mapping `%s` would read its own rejected records again, forever", name)
                            .fix(
                                    "name the dead-letter topic so that `%s` does not match it, or narrow the pattern",
                                    pattern.get()));
        }
        String table = to.get(TO_DELTA);
        if (table != null) {
            TopicTables.problem(table, from.has(FROM_KAFKA_PATTERN), name)
                    .ifPresent(p -> problems.atValue(to.pathOf(TO_DELTA), p));
        }
        requireExclusionOrSingleWriter(m, to, name, delta);
        Section flush = m.section(FLUSH);
        return new KafkaToDeltaMapping(
                name,
                index,
                topics == null ? List.of() : topics,
                table,
                Boolean.TRUE.equals(to.get(TO_CREATE)),
                orEmpty(to.get(TO_PARTITION_BY)),
                to.find(TO_SCHEMA),
                orEmptyMap(to.get(TO_TABLE_PROPERTIES)),
                format,
                Boolean.TRUE.equals(m.get(LINEAGE_COLUMNS)),
                deadLetterTopic,
                onError,
                new FlushPolicy(
                        orZero(flush.get(FLUSH_MAX_RECORDS)),
                        orZero(flush.get(FLUSH_MAX_BYTES)),
                        flush.get(FLUSH_MAX_INTERVAL)),
                orZero(to.get(TO_TARGET_FILE_SIZE)),
                m.get(ON_OFFSET_GAP),
                mode,
                orEmpty(key),
                keyFormat,
                envelope,
                m.get(STARTING_OFFSETS),
                pattern);
    }

    /** Two writers on a store that does not keep them apart silently lose commits: such a mapping must declare it is the only one. */
    private void requireExclusionOrSingleWriter(Section m, Section to, String name, Map<String, String> delta) {
        String table = to.get(TO_DELTA);
        if (table == null || Boolean.TRUE.equals(m.get(SINGLE_WRITER))) {
            return;
        }
        LogStores.LogStore store = LogStores.inEffect(table, delta);
        if (!store.exclusive()) {
            problems.atValue(to.pathOf(TO_DELTA), LogStores.unsafeWriter(name, table, store));
        }
    }

    private void noRegistry(Section m, ConfigOption<?> option, String name) {
        problems.atValue(
                m.pathOf(option),
                Problem.of("mapping `%s` uses avro but there is no `schema-registry`", name)
                        .because("Avro records carry a schema id that must be registered and looked up in a registry")
                        .fix(
                                "add a top-level `schema-registry:` with `url:` (any Confluent-compatible registry), or use `%s: json`",
                                option.key()));
    }

    // The values below are only used when no error was recorded, and then never null.
    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static <T> List<T> orEmpty(List<T> value) {
        return value == null ? List.of() : value;
    }

    private static Map<String, String> orEmptyMap(Map<String, String> value) {
        return value == null ? Map.of() : value;
    }
}
