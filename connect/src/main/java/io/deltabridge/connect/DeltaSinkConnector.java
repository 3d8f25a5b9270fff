package io.deltabridge.connect;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ConfigOption.Scope;
import io.deltabridge.core.config.TopicTables;
import io.deltabridge.core.error.Problem;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Writes the records of Connect's {@code topics} (or {@code topics.regex}) to the Delta table {@code to.delta}, decoded by deltabridge
 * ({@code format} json or avro; use {@code ByteArrayConverter} for keys, values and headers), exactly once: each
 * Delta commit stores the next offset per partition, and the tasks start from them. Append or upsert
 * ({@code mode}); records that cannot be written go through Connect's {@code errors.tolerance} and
 * {@code errors.deadletterqueue.*}.
 */
public final class DeltaSinkConnector extends SinkConnector {
    private static final String TABLE = "to.delta";
    /** Connect's own list of topics: the mapping's {@code from.kafka}. */
    static final String TOPICS = "topics";
    /** Connect's topic pattern, instead of {@link #TOPICS}: the mapping's {@code from.kafka-pattern}. */
    static final String TOPICS_REGEX = "topics.regex";

    private static final ConnectorOptions OPTIONS = new ConnectorOptions(Scope.KAFKA_TO_DELTA);
    private Map<String, String> settings;

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    /** The configuration the sink's settings make: one kafka → delta mapping named after the connector. */
    static BridgeConfig bridgeConfig(Map<String, String> props) {
        oneTable(props).ifPresent(p -> {
            throw p.config();
        });
        return OPTIONS.bridgeConfig(
                props,
                props.getOrDefault(DeltaChangeFeedSourceConnector.CONNECTOR_NAME, "sink"),
                props.getOrDefault(TABLE, ""));
    }

    @Override
    public void start(Map<String, String> props) {
        settings = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return DeltaSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        // every task writes the one table; the consumer group spreads the partitions, the offsets in the table
        // keep concurrent commits of different partitions apart
        return Collections.nCopies(maxTasks, settings);
    }

    @Override
    public void stop() {
        settings = null;
    }

    @Override
    public ConfigDef config() {
        return OPTIONS.configDef();
    }

    @Override
    public Config validate(Map<String, String> props) {
        Config config = super.validate(props);
        new ConfigCheck(OPTIONS, TABLE).check(props, config);
        oneTable(props)
                .ifPresent(p -> config.configValues().stream()
                        .filter(v -> v.name().equals(TABLE))
                        .forEach(v -> v.addErrorMessage(p.render())));
        return config;
    }

    /** A table per topic ({@code {topic}} in {@code to.delta}) is for {@code bridge run}: a sink task writes one table. */
    private static Optional<Problem> oneTable(Map<String, String> props) {
        String table = props.getOrDefault(TABLE, "");
        return table.contains(TopicTables.PLACEHOLDER)
                ? Optional.of(Problem.of("`to.delta` `%s` holds `%s`", table, TopicTables.PLACEHOLDER)
                        .because(
                                "the sink connector writes every topic it reads to one table; a table per topic is for `bridge run`")
                        .fix(
                                "name one table, run a connector per topic, or run the mapping with `bridge run` (from.kafka-pattern with "
                                        + "`%s` in to.delta)",
                                TopicTables.PLACEHOLDER))
                : Optional.empty();
    }
}
