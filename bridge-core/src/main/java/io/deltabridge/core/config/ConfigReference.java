package io.deltabridge.core.config;

import io.deltabridge.core.config.ConfigOption.Scope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Renders the reference of every option of the mapping file, from {@link ConfigOptions}, as the
 * markdown of the README's configuration section (between {@link #BEGIN} and {@link #END}). A unit
 * test fails when the committed README is stale; regenerate it with {@value #REGENERATE}.
 */
public final class ConfigReference {
    /** How to regenerate the README's reference, from the repository root, after building bridge-core. */
    public static final String REGENERATE =
            "java -cp bridge-core/target/classes io.deltabridge.core.config.ConfigReference README.md";

    /** Markers around the generated section in the README. */
    public static final String BEGIN = "<!-- BEGIN GENERATED CONFIGURATION REFERENCE -->\n";

    public static final String END = "<!-- END GENERATED CONFIGURATION REFERENCE -->\n";

    private static final String MAPPING_PREFIX = "mappings[].";

    /** A short example with both directions; the reference test checks that it loads. */
    static final String EXAMPLE = """
            name: insights-bridge
            kafka:
              bootstrap.servers: ${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}
            mappings:
              - name: churn-scores-out                 # delta → kafka
                from: { delta: s3a://lake/gold/churn_scores }
                to: { kafka: churn-scores }
                key: [customer_id]
              - name: orders-in                        # kafka → delta
                from: { kafka: orders }
                to: { delta: /lake/bronze/orders, create: true }
                dead-letter-topic: orders-dlq
            """;

    private ConfigReference() {}

    /** Replaces the generated section of the markdown file given as argument (default {@code README.md}). */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "README.md");
        String text = Files.readString(target, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(
                    target + " has no generated section: add the lines " + BEGIN.strip() + " and " + END.strip());
        }
        Files.writeString(
                target,
                text.substring(0, begin + BEGIN.length()) + render() + text.substring(end),
                StandardCharsets.UTF_8);
        System.out.println("updated " + target.toAbsolutePath());
    }

    /** The generated section of a markdown text, or null when it has none. */
    public static String generatedSection(String markdown) {
        int begin = markdown.indexOf(BEGIN);
        int end = markdown.indexOf(END);
        return begin < 0 || end < begin ? null : markdown.substring(begin + BEGIN.length(), end);
    }

    /** The whole reference, in markdown. */
    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("## Configuration reference\n\n")
                .append("<!-- Generated from io.deltabridge.core.config.ConfigOptions: do not edit by hand.\n")
                .append("     Regenerate from the repository root: ")
                .append(REGENERATE)
                .append(" -->\n\n")
                .append(
                        "A bridge is configured by one YAML mapping file (`bridge run -c bridge.yaml`), or by the same tree\n")
                .append(
                        "built in code (`ConfigLoader.fromMap`, e.g. from a Spring `application.yaml`). `bridge validate` prints\n")
                .append("the configuration with every default filled in.\n\n")
                .append("Every error names the file, line and column, the key, and a fix; unknown keys get a\n")
                .append("\"did you mean\" suggestion. All errors of a file are reported together.\n\n")
                .append(
                        "Editors complete and check mapping files with the JSON Schema generated from the same options,\n")
                .append("[docs/bridge.schema.json](docs/bridge.schema.json) (VS Code's YAML extension: a first line\n")
                .append("`# yaml-language-server: $schema=<path to>/bridge.schema.json`).\n\n")
                .append("```yaml\n")
                .append(EXAMPLE)
                .append("```\n\n");
        section(md, "Top level", "", o -> o.parentPath().isEmpty());
        section(
                md,
                "`schema-registry`",
                "schema-registry.",
                o -> o.parentPath().equals(ConfigOptions.REGISTRY_SECTION));
        md.append(
                        "Any other key of `schema-registry` that contains a dot (`ssl.truststore.location`, `request.timeout.ms`)\n")
                .append("is handed to the registry client as a string. For PEM trust, as with Kafka clients, set\n")
                .append("`ssl.truststore.type: PEM` with a PEM file as location, or the certificates inline in\n")
                .append("`ssl.truststore.certificates`.\n\n");
        section(md, "`openlineage`", "", o -> o.parentPath().equals(ConfigOptions.OPENLINEAGE.path()));
        md.append("The events, their datasets and facets are described in docs/lineage.md.\n\n");
        section(md, "Every mapping (`mappings[]`)", MAPPING_PREFIX, mappingOption(Scope.ANY_MAPPING));
        section(md, "delta → kafka mappings", MAPPING_PREFIX, mappingOption(Scope.DELTA_TO_KAFKA));
        section(md, "kafka → delta mappings", MAPPING_PREFIX, mappingOption(Scope.KAFKA_TO_DELTA));
        md.append("""
                An option of one direction in a mapping of the other direction is an error.

                ### Value types

                | Type | Written as |
                |---|---|
                """);
        ConfigOptions.all().stream()
                .map(ConfigOption::type)
                .filter(t -> t.allowedValues().isEmpty()
                        && !t.name().startsWith("list")
                        && !t.name().equals("section"))
                .map(t -> "| " + t.name() + " | " + cell(t.description()) + " |\n")
                .distinct()
                .forEach(md::append);
        md.append("""
                | enum | one of the listed values, in lower case |
                | list of ... | `[a, b]`, or a single value for a list of one |
                | section | a mapping of the keys listed under it |
                | list of sections | a YAML list of mappings, each starting with `- name:` |

                Sizes: `KB`, `MB`, `GB` are powers of 1000, `KiB`, `MiB`, `GiB` powers of 1024; a bare number is bytes.
                Durations also accept ISO-8601 (`PT30S`).

                ### Sharing settings between mappings

                Top-level keys starting with `x-` are ignored, so they can hold YAML anchors that mappings merge:

                ```yaml
                x-sink: &sink
                  format: avro
                  flush: { max-records: 100000 }
                mappings:
                  - <<: *sink
                    name: orders-in
                    from: { kafka: orders }
                    to: { delta: /lake/bronze/orders }
                ```

                Keys written in the mapping itself win over merged ones.

                ### Environment variables

                In any value, `${NAME}` is replaced by the environment variable `NAME`, and `${NAME:-default}` by
                `default` when `NAME` is unset or empty. A variable that is unset and has no default is an error naming
                it. `$${` writes a literal `${`. Inside a flow collection (`{ ... }`, `[ ... ]`), quote such a value:
                `to: { kafka: "${TOPIC}" }`.

                ### Secrets

                The values of these keys never appear in logs, errors or `bridge validate` output; they print as `****`:
                `sasl.jaas.config`, `basic-auth`, any key containing `password` (e.g. `ssl.key.password`), `secret` or
                `token`, and also `basic.auth.user.info`, `ssl.keystore.key`, `*.jaas.config` and `*account.key*`.
                """);
        return md.toString();
    }

    private static Predicate<ConfigOption<?>> mappingOption(Scope scope) {
        return o -> o.path().startsWith(MAPPING_PREFIX) && o.scope() == scope;
    }

    private static void section(StringBuilder md, String title, String prefix, Predicate<ConfigOption<?>> filter) {
        List<ConfigOption<?>> options =
                ConfigOptions.all().stream().filter(filter).toList();
        md.append("### ")
                .append(title)
                .append("\n\n")
                .append("| Key | Type | Default | Description |\n")
                .append("|---|---|---|---|\n");
        for (ConfigOption<?> option : options) {
            md.append("| `")
                    .append(option.path().substring(prefix.length()))
                    .append("` | ")
                    .append(type(option))
                    .append(" | ")
                    .append(
                            option.required()
                                    ? "**required**"
                                    : option.defaultDescription() == null ? "–" : cell(option.defaultDescription()))
                    .append(" | ")
                    .append(cell(option.doc()))
                    .append(option.secret() ? " Secret: printed as `****`." : "")
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static String type(ConfigOption<?> option) {
        ValueType<?> type = option.type();
        if (type.allowedValues().isEmpty()) {
            return type.name();
        }
        String values = type.allowedValues().stream().map(v -> "`" + v + "`").collect(Collectors.joining(" \\| "));
        return type.name().startsWith("list") ? "list of " + values : values;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
