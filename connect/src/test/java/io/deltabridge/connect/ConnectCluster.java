package io.deltabridge.connect;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;

/**
 * A real Connect cluster for the ITs: distributed workers with their REST API and a KRaft broker of their own
 * (connect-runtime's embedded cluster); exactly-once source support on. One per test class.
 */
final class ConnectCluster implements AutoCloseable {
    static final String PLUGIN_PATH = "deltabridge.connect.plugin.path";
    static final String SOURCE_CONNECTOR = "io.deltabridge.connect.DeltaChangeFeedSourceConnector";
    static final String SINK_CONNECTOR = "io.deltabridge.connect.DeltaSinkConnector";
    /** The table schema of the rows {@link Topics#produceRows} makes. */
    static final String ROW_SCHEMA = "id BIGINT NOT NULL, name STRING";

    private final EmbeddedConnectCluster connect;

    private ConnectCluster(int workers) {
        Map<String, String> workerProps = new HashMap<>();
        workerProps.put(DistributedConfig.EXACTLY_ONCE_SOURCE_SUPPORT_CONFIG, "enabled");
        workerProps.put(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, "1000");
        // the tasks of a worker that left move to the others after 2 s, not Connect's default 5 minutes
        workerProps.put(DistributedConfig.SCHEDULED_REBALANCE_MAX_DELAY_MS_CONFIG, "2000");
        // the plugin directory the build assembled: the workers load the connectors from it, isolated
        workerProps.put(WorkerConfig.PLUGIN_PATH_CONFIG, System.getProperty(PLUGIN_PATH));
        // one broker: the transaction state log (the workers' fencable producers) cannot have three replicas
        Properties brokerProps = new Properties();
        brokerProps.put("transaction.state.log.replication.factor", "1");
        brokerProps.put("transaction.state.log.min.isr", "1");
        connect = new EmbeddedConnectCluster.Builder()
                .name("deltabridge-connect")
                .numWorkers(workers)
                .numBrokers(1)
                .brokerProps(brokerProps)
                .workerProps(workerProps)
                .build();
        connect.start();
    }

    static ConnectCluster start(int workers) {
        return new ConnectCluster(workers);
    }

    EmbeddedConnectCluster connect() {
        return connect;
    }

    /** The worker running task {@code task} of {@code connector}. */
    WorkerHandle workerOf(String connector, int task) {
        String workerId = connect.connectorStatus(connector).tasks().stream()
                .filter(t -> t.id() == task)
                .findFirst()
                .orElseThrow()
                .workerId();
        return connect.workers().stream()
                .filter(w -> workerId.endsWith(":" + w.url().getPort()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no worker " + workerId + " in " + connect.workers()));
    }

    String bootstrapServers() {
        return connect.kafka().bootstrapServers();
    }

    /** Byte-array converters for keys, values and headers: the connectors' bytes go through untouched. */
    static Map<String, String> passThroughConverters() {
        return Map.of(
                "key.converter", ByteArrayConverter.class.getName(),
                "value.converter", ByteArrayConverter.class.getName(),
                "header.converter", ByteArrayConverter.class.getName());
    }

    /**
     * A sink writing {@code topic} with two tasks to a new table of the rows {@link Topics#produceRows} makes; more
     * settings can be added to the (mutable) map.
     */
    static Map<String, String> sinkConfig(String topic, String table) {
        Map<String, String> config = new HashMap<>(passThroughConverters());
        config.put("connector.class", SINK_CONNECTOR);
        config.put("tasks.max", "2");
        config.put("topics", topic);
        config.put("to.delta", table);
        config.put("to.create", "true");
        config.put("to.schema", ROW_SCHEMA);
        return config;
    }

    /** The ITs' rows produced to, committed records read from, the cluster's broker. */
    Topics topics() {
        return new Topics(bootstrapServers());
    }

    @Override
    public void close() {
        connect.stop();
    }
}
