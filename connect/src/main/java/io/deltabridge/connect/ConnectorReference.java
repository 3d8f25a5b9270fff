package io.deltabridge.connect;

import io.deltabridge.core.config.ConfigOption.Scope;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The connectors' configuration reference in docs/connect.md, generated from their {@link ConfigDef}s (and so
 * from the mapping file's option table); a test fails when the committed page is stale.
 */
public final class ConnectorReference {
    /** How to regenerate the reference, from the repository root, after building the connect module. */
    public static final String REGENERATE = "mvn -B -q -pl connect -am test -Dtest=ConnectorOptionsTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Ddeltabridge.regenerate-docs=true";

    public static final String BEGIN = "<!-- BEGIN GENERATED CONNECTOR OPTIONS -->\n";
    public static final String END = "<!-- END GENERATED CONNECTOR OPTIONS -->\n";

    private ConnectorReference() {}

    public static String render() {
        StringBuilder md = new StringBuilder()
                .append("<!-- Generated from io.deltabridge.core.config.ConfigOptions: do not edit by hand.\n")
                .append("     Regenerate from the repository root: ")
                .append(REGENERATE)
                .append(" -->\n\n");
        table(md, "DeltaChangeFeedSourceConnector", new ConnectorOptions(Scope.DELTA_TO_KAFKA).configDef());
        table(md, "DeltaSinkConnector", new ConnectorOptions(Scope.KAFKA_TO_DELTA).configDef());
        return md.toString();
    }

    private static void table(StringBuilder md, String connector, ConfigDef def) {
        md.append("#### ").append(connector).append("\n\n| key | what it is |\n|---|---|\n");
        def.configKeys()
                .values()
                .forEach(key -> md.append("| `")
                        .append(key.name)
                        .append("` | ")
                        .append(key.documentation.replace("|", "\\|").replace("\n", " "))
                        .append(" |\n"));
        md.append('\n');
    }

    /** The generated part of {@code markdown}, or null when it has none. */
    public static String generatedSection(String markdown) {
        int begin = markdown.indexOf(BEGIN);
        int end = markdown.indexOf(END);
        return begin < 0 || end < begin ? null : markdown.substring(begin + BEGIN.length(), end);
    }

    /** {@code markdown} with its generated part rendered anew. */
    public static String regenerate(String markdown) {
        String old = generatedSection(markdown);
        if (old == null) {
            throw new IllegalStateException("no " + BEGIN.strip() + " ... " + END.strip() + " section");
        }
        return markdown.replace(BEGIN + old + END, BEGIN + render() + END);
    }
}
