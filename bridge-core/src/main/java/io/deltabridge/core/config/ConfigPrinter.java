package io.deltabridge.core.config;

import static io.deltabridge.core.config.ConfigOptions.*;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Renders a {@link BridgeConfig} as YAML with every default filled in, for
 * {@code bridge validate}: what the bridge will actually do. Secrets print as
 * {@value Secrets#MASK}.
 */
public final class ConfigPrinter {
    /** Text YAML reads back as the same string without quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/.$][A-Za-z0-9_./:@+=,$<>()-]*");
    /** The same inside a flow list {@code [a, b]}, where {@code ,} separates entries. */
    private static final Pattern PLAIN_IN_LIST = Pattern.compile("[A-Za-z0-9_/.$][A-Za-z0-9_./:@+=$<>()-]*");

    private final StringBuilder out = new StringBuilder();

    private ConfigPrinter() {}

    /** The configuration as YAML, secrets masked. */
    public static String render(BridgeConfig config) {
        ConfigPrinter printer = new ConfigPrinter();
        printer.print(config);
        return printer.out.toString();
    }

    private void print(BridgeConfig config) {
        value(0, NAME, config.name());
        properties(0, KAFKA.key(), config.kafka());
        clientRoles(0, config.clients());
        config.schemaRegistry().ifPresent(registry -> {
            line(0, SCHEMA_REGISTRY.key() + ":");
            value(1, REGISTRY_URL, Secrets.redactUrl(registry.url()));
            registry.basicAuth().ifPresent(auth -> value(1, REGISTRY_BASIC_AUTH, auth));
            Secrets.redact(new TreeMap<>(registry.properties()))
                    .forEach((k, v) -> line(1, k + ": " + scalar(v, PLAIN)));
        });
        properties(0, DELTA.key(), config.delta());
        value(0, PROGRESS_TOPIC, config.progressTopic());
        config.openLineage().ifPresent(lineage -> openLineage(lineage, config.name()));
        line(0, MAPPINGS.key() + ":");
        for (MappingConfig mapping : config.mappings()) {
            if (mapping instanceof DeltaToKafkaMapping m) {
                deltaToKafka(m);
            } else {
                kafkaToDelta((KafkaToDeltaMapping) mapping);
            }
            if (config.mappingClients().containsKey(mapping.name())) {
                clientRoles(2, config.clientOverrides(mapping.name()));
            }
        }
    }

    /** The {@code producer:} / {@code consumer:} / {@code admin:} blocks that set anything. */
    private void clientRoles(int indent, ClientOverrides clients) {
        for (ClientRole role : ClientRole.values()) {
            if (!clients.get(role).isEmpty()) {
                properties(indent, role.key(), clients.get(role));
            }
        }
    }

    private void openLineage(OpenLineageConfig lineage, String bridgeName) {
        line(0, OPENLINEAGE.key() + ":");
        value(1, OPENLINEAGE_TRANSPORT, lineage.transport());
        lineage.url().ifPresent(url -> value(1, OPENLINEAGE_URL, Secrets.redactUrl(url)));
        if (lineage.transport() == OpenLineageConfig.Transport.HTTP) {
            value(1, OPENLINEAGE_ENDPOINT, lineage.endpoint());
            lineage.apiKey().ifPresent(key -> value(1, OPENLINEAGE_API_KEY, key));
            value(1, OPENLINEAGE_TIMEOUT, lineage.timeout());
        }
        lineage.file().ifPresent(file -> value(1, OPENLINEAGE_FILE, file));
        value(1, OPENLINEAGE_NAMESPACE, lineage.namespace().orElse(bridgeName));
    }

    private void deltaToKafka(DeltaToKafkaMapping m) {
        out.append("  - "); // the mapping's first key follows the dash
        value(0, MAPPING_NAME, m.name());
        line(2, FROM.key() + ":");
        value(3, FROM_DELTA, m.table());
        line(2, TO.key() + ":");
        value(3, TO_KAFKA, m.topic());
        value(2, KEY, m.key());
        value(2, FORMAT, m.format());
        value(2, KEY_FORMAT, m.keyFormat());
        value(
                2,
                CHANGES,
                List.of(ChangeKind.values()).stream()
                        .filter(m.changes()::contains)
                        .toList());
        value(2, ENVELOPE, m.envelope());
        value(2, HEADERS, m.headers());
        m.columns().ifPresent(columns -> value(2, COLUMNS, columns));
        value(2, STARTING_VERSION, m.startingVersion());
        value(2, POLL_INTERVAL, m.pollInterval());
        value(2, MAX_TRANSACTION_RECORDS, m.maxRecordsPerTransaction());
    }

    private void kafkaToDelta(KafkaToDeltaMapping m) {
        out.append("  - "); // the mapping's first key follows the dash
        value(0, MAPPING_NAME, m.name());
        line(2, FROM.key() + ":");
        m.topicPattern()
                .ifPresentOrElse(regex -> value(3, FROM_KAFKA_PATTERN, regex), () -> value(3, FROM_KAFKA, m.topics()));
        line(2, TO.key() + ":");
        value(3, TO_DELTA, m.table());
        value(3, TO_CREATE, m.create());
        value(3, TO_PARTITION_BY, m.partitionBy());
        m.schema().ifPresent(schema -> value(3, TO_SCHEMA, schema));
        properties(3, TO_TABLE_PROPERTIES.key(), m.tableProperties());
        value(3, TO_TARGET_FILE_SIZE, m.targetFileSize());
        value(2, FORMAT, m.format());
        value(2, LINEAGE_COLUMNS, m.lineageColumns());
        m.deadLetterTopic().ifPresent(topic -> value(2, DEAD_LETTER_TOPIC, topic));
        value(2, ON_ERROR, m.onError());
        value(2, STARTING_OFFSETS, m.startingOffsets());
        line(2, FLUSH.key() + ":");
        value(3, FLUSH_MAX_RECORDS, m.flush().maxRecords());
        value(3, FLUSH_MAX_BYTES, m.flush().maxBytes());
        value(3, FLUSH_MAX_INTERVAL, m.flush().maxInterval());
    }

    private <T> void value(int indent, ConfigOption<T> option, T value) {
        String text;
        if (option.secret()) {
            text = scalar(Secrets.MASK, PLAIN);
        } else if (value instanceof Collection<?> list) {
            text = list.isEmpty()
                    ? "[]"
                    : "["
                            + String.join(
                                    ", ",
                                    list.stream()
                                            .map(item -> scalar(
                                                    item instanceof Enum<?> e
                                                            ? ValueType.enumName(e)
                                                            : String.valueOf(item),
                                                    PLAIN_IN_LIST))
                                            .toList())
                            + "]";
        } else {
            text = scalar(option.type().render(value), PLAIN);
        }
        line(indent, option.key() + ": " + text);
    }

    private void properties(int indent, String key, Map<String, String> properties) {
        if (properties.isEmpty()) {
            line(indent, key + ": {}");
            return;
        }
        line(indent, key + ":");
        // sorted: the records' maps do not keep the file's order
        Secrets.redact(new TreeMap<>(properties))
                .forEach((k, v) -> line(indent + 1, scalar(k, PLAIN) + ": " + scalar(v, PLAIN)));
    }

    private void line(int indent, String text) {
        out.append("  ".repeat(indent)).append(text).append('\n');
    }

    /** The text as a YAML scalar: plain when that reads back as the same string, else single-quoted. */
    static String scalar(String text, Pattern plain) {
        return plain.matcher(text).matches() && !text.contains(": ") ? text : "'" + text.replace("'", "''") + "'";
    }
}
