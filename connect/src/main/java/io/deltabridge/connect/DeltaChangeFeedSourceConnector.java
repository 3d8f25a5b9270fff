package io.deltabridge.connect;

import io.deltabridge.core.config.ConfigOption.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;

/**
 * Publishes the change data feeds of Delta tables ({@code from.delta}, comma-separated) to {@code to.kafka}, with
 * the events {@code bridge run} publishes (key, value and headers byte for byte; pair it with Connect's
 * {@code ByteArrayConverter} for keys, values and headers). One table per task up to {@code tasks.max}. With the
 * worker's {@code exactly.once.source.support=enabled} every table version is one transaction (a version larger
 * than {@code max-transaction-records} several, split between change rows), committed with the table's position.
 */
public final class DeltaChangeFeedSourceConnector extends SourceConnector {
    /** The connector's name, which Connect sets: the mapping name in the lineage headers. */
    static final String CONNECTOR_NAME = "name";
    /** The tables of one task, in its configuration. */
    static final String TASK_TABLES = "task.tables";

    private static final String TABLES = "from.delta";

    private final ConnectorOptions options = new ConnectorOptions(Scope.DELTA_TO_KAFKA);
    private Map<String, String> settings;

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        settings = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return DeltaChangeFeedSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> tables = ConnectorOptions.tables(settings.get(TABLES));
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<String> group : ConnectorUtils.groupPartitions(tables, Math.min(maxTasks, tables.size()))) {
            Map<String, String> config = new HashMap<>(settings);
            config.put(TASK_TABLES, String.join(",", group));
            configs.add(config);
        }
        return configs;
    }

    @Override
    public void stop() {
        settings = null;
    }

    @Override
    public ConfigDef config() {
        return options.configDef();
    }

    @Override
    public Config validate(Map<String, String> props) {
        Config config = super.validate(props);
        new ConfigCheck(options, TABLES).check(props, config);
        return config;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> props) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> props) {
        return ConnectorTransactionBoundaries.SUPPORTED;
    }
}
