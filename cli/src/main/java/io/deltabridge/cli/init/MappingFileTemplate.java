package io.deltabridge.cli.init;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.schema.DdlPrinter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The text of a commented mapping file (SPEC §2) for one table or one topic: every guess is marked
 * {@code CHECK}, the options a user most often changes are present as comments with their choices.
 */
final class MappingFileTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MappingFileTemplate() {}

    /** A delta → kafka mapping publishing the table's change feed to a topic named after the table. */
    static String forTable(TableFacts table, String bootstrapServers) {
        String base = name(table.name());
        StringBuilder out = header("--from-delta " + table.uri(), base, bootstrapServers);
        out.append("""
                mappings:
                  - name: %s-out
                    from: { delta: %s }
                    to: { kafka: %s }
                    # CHECK: the columns that identify a row; they become the Kafka key (a guess: %s)
                    key: [%s]
                    format: json                       # json | avro (avro needs a schema-registry: block)
                    # key-format: json                 # json | avro | string (string: one key column only)
                    # changes: [insert, update]        # the default; add delete to publish tombstones
                    # envelope: row                    # row | debezium (before/after/op/source/ts_ms)
                    # columns: [...]                   # a projection; every column by default
                    starting-version: earliest         # earliest | latest | <version> | <ISO-8601 timestamp>
                """.formatted(base, quoted(table.uri()), base, table.keyGuessReason(), quoted(table.keyGuess())));
        if (!table.changeFeedEnabled()) {
            out.append("""
                    # CHECK: the table's change data feed is off (version %d), so there are no changes to publish yet.
                    #   Enable it: ALTER TABLE delta.`%s` SET TBLPROPERTIES (delta.enableChangeDataFeed = true)
                """.formatted(table.version(), table.uri()));
        }
        out.append("    # The table's columns at version ")
                .append(table.version())
                .append(":\n");
        columns(out, table.schema());
        return out.toString();
    }

    /** A kafka → delta mapping landing the topic in a new table. */
    static String forTopic(TopicFacts topic, String bootstrapServers, String table) {
        String base = name(topic.topic());
        StringBuilder out = header("--from-kafka " + topic.topic(), base, bootstrapServers);
        if (topic.avro()) {
            out.append("""
                    schema-registry:                     # the values are in Confluent's Avro wire format
                      url: ${SCHEMA_REGISTRY_URL}        # CHECK
                    """);
        }
        out.append("""
                mappings:
                  - name: %s-in
                    from: { kafka: [%s] }
                    to:
                      delta: %s   # CHECK: a path or an s3a://, abfss://, gs:// URI
                      create: true
                """.formatted(base, topic.topic(), quoted(table)));
        if (topic.avro()) {
            out.append("      # the table's schema comes from the latest value schema in the registry\n");
        } else if (topic.schema().isPresent()) {
            out.append("      # CHECK: guessed from ")
                    .append(topic.sampled())
                    .append(" records of the topic; tighten types (DATE, TIMESTAMP, DECIMAL)\n");
            topic.conflicting()
                    .forEach(c -> out.append("      # CHECK: '")
                            .append(c)
                            .append("' had values of different kinds; STRING takes only JSON strings\n"));
            out.append("      schema: ")
                    .append(quoted(DdlPrinter.toDdl(topic.schema().get())))
                    .append('\n');
        } else {
            out.append("      # CHECK: no JSON record in the topic to guess from: give the columns, e.g.\n")
                    .append("      # schema: \"id BIGINT NOT NULL, name STRING, at TIMESTAMP\"\n");
        }
        out.append("    format: ")
                .append(topic.avro() ? "avro" : "json")
                .append("                       # json | avro\n");
        if (topic.debezium()) {
            out.append(
                            "    # the values are Debezium change events: apply them by key so the table mirrors the source\n")
                    .append("    mode: upsert\n    envelope: debezium\n");
        } else {
            out.append(
                    "    # mode: upsert                       # append (default) | upsert: apply rows by key (needs key:)\n");
        }
        if (topic.debezium() || !topic.keyColumns().isEmpty()) {
            out.append(topic.debezium() ? "    " : "    # ")
                    .append("key: [")
                    .append(quotedList(topic.keyColumns()))
                    .append("]   # CHECK: the fields of the record keys\n");
        }
        out.append("""
                    dead-letter-topic: %s-dlq   # undecodable or unmappable records go there (create it first)
                    # starting-offsets: earliest         # earliest | latest, for partitions the table holds no offset for
                    # flush: { max-records: 500000, max-bytes: 128MiB, max-interval: 30s }
                """.formatted(topic.topic()));
        return out.toString();
    }

    private static StringBuilder header(String source, String base, String bootstrapServers) {
        return new StringBuilder("""
                # Written by `bridge init %s`.
                # Check every line marked CHECK, then run `bridge validate -c <this file>`.
                # Every key: the README's "Configuration reference".
                name: %s-bridge   # prefixes transactional ids, group ids and progress keys: keep it stable
                kafka:            # handed to the Kafka clients; add security settings here
                  bootstrap.servers: %s
                """.formatted(source, base, bootstrapServers));
    }

    private static void columns(StringBuilder out, StructType schema) {
        for (StructField f : schema.fields()) {
            out.append("    #   ")
                    .append(DdlPrinter.quoteName(f.getName()))
                    .append(' ')
                    .append(DdlPrinter.typeToDdl(f.getDataType()))
                    .append(f.isNullable() ? "" : " NOT NULL")
                    .append('\n');
        }
    }

    /** A name for mappings and the bridge: lower case letters, digits and dashes. */
    static String name(String source) {
        String name =
                source.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "bridge" : name;
    }

    private static String quotedList(List<String> values) {
        return values.stream().map(MappingFileTemplate::quoted).collect(Collectors.joining(", "));
    }

    private static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value); // a JSON string is a YAML double-quoted scalar
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
