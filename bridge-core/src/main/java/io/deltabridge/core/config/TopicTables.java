package io.deltabridge.core.config;

import io.deltabridge.core.delta.TableUris;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {topic}} placeholder of a kafka → delta table path: with {@code from.kafka-pattern}, each matching topic
 * goes to the table its name gives ({@code s3a://lake/bronze/{topic}}). Braces without {@code $} are left alone by
 * the environment placeholders ({@code ${NAME}}), which are resolved first.
 */
public final class TopicTables {
    /** Stands for the topic's name in {@code to.delta}. */
    public static final String PLACEHOLDER = "{topic}";

    private static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_-]*}");
    /** A topic name with every kind of character Kafka allows, to try a template with. */
    private static final String SAMPLE_TOPIC = "Orders.eu_1-x";

    private TopicTables() {}

    /** The table of {@code topic}: the placeholders of {@code template} replaced by its name. */
    public static String tableOf(String template, String topic) {
        return template.replace(PLACEHOLDER, topic);
    }

    /**
     * Why {@code table} cannot be the table path of mapping {@code mapping}: a placeholder without a pattern
     * ({@code pattern} false), an unknown placeholder, {@code {topic}} in a bucket or host name, or a path that is no
     * valid table location once a topic's name is in it. Empty when it can.
     */
    static Optional<Problem> problem(String table, boolean pattern, String mapping) {
        Matcher placeholder = ANY_PLACEHOLDER.matcher(table);
        while (placeholder.find()) {
            if (!placeholder.group().equals(PLACEHOLDER)) {
                return Optional.of(Problem.of(
                                "`to.delta` of mapping `%s` has the unknown placeholder `%s`",
                                mapping, placeholder.group())
                        .because("a table path knows only `%s`, the name of the topic the table is for", PLACEHOLDER)
                        .fix("write `%s`, or `${NAME}` for an environment variable", PLACEHOLDER));
            }
        }
        if (!table.contains(PLACEHOLDER)) {
            return Optional.empty();
        }
        if (!pattern) {
            return Optional.of(
                    Problem.of(
                                    "`to.delta` of mapping `%s` has `%s` but the mapping reads no `kafka-pattern`",
                                    mapping, PLACEHOLDER)
                            .because(
                                    "`%s` names one table per topic matching `from.kafka-pattern`; the topics listed in `from.kafka` all go to one table",
                                    PLACEHOLDER)
                            .fix(
                                    "read the topics with `from: { kafka-pattern: \"...\" }`, or write one mapping per topic with the topic's name in `to.delta`"));
        }
        int authority = table.indexOf("://");
        int path = authority < 0 ? 0 : table.indexOf('/', authority + 3);
        if (authority >= 0 && (path < 0 || table.indexOf(PLACEHOLDER) < path)) {
            return Optional.of(Problem.of("`%s` is not in the path of `to.delta` `%s`", PLACEHOLDER, table)
                    .because(
                            "bucket, container and host names cannot hold every topic name (topics may have `_` and capitals)")
                    .fix("put `%s` after the bucket, e.g. `s3a://bucket/bronze/%s`", PLACEHOLDER, PLACEHOLDER));
        }
        String sample = tableOf(table, SAMPLE_TOPIC);
        try {
            TableUris.normalize(sample);
            return Optional.empty();
        } catch (BridgeException e) {
            return Optional.of(
                    Problem.of("`to.delta` of mapping `%s` gives no valid table location for a topic", mapping)
                            .because("for topic `%s` it is `%s`: %s", SAMPLE_TOPIC, sample, e.reason())
                            .fix("%s", e.fix()));
        }
    }
}
