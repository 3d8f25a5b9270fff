package io.deltabridge.connect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
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
    /** The table schema of the rows {@link #produceRows} makes. */
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
        connect = new EmbeddedConnectCluster.Builder().name("deltabridge-connect").numWorkers(workers)
                .numBrokers(1).brokerProps(brokerProps).workerProps(workerProps).build();
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
        String workerId = connect.connectorStatus(connector).tasks().stream().filter(t -> t.id() == task)
                .findFirst().orElseThrow().workerId();
        return connect.workers().stream().filter(w -> workerId.endsWith(":" + w.url().getPort()))
                .findFirst().orElseThrow(() -> new AssertionError("no worker " + workerId + " in " + connect.workers()));
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
     * A sink writing {@code topic} with two tasks to a new table of the rows {@link #produceRows} makes; more
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

    /** Every committed record of a one-partition topic, read with {@code read_committed}, in order. */
    List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int atLeast, Duration timeout) {
        return read(topic, atLeast, timeout, true);
    }

    /** As soon as the one-partition topic has {@code count} committed records: how many it has then. */
    int awaitCommitted(String topic, int count, Duration timeout) {
        return read(topic, count, timeout, false).size();
    }

    /** At least {@code atLeast} committed records; {@code toEnd}: then on up to the last stable offset. */
    private List<ConsumerRecord<byte[], byte[]>> read(String topic, int atLeast, Duration timeout, boolean toEnd) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumer(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                if (records.size() >= atLeast
                        && (!toEnd || consumer.position(partition) >= consumer.endOffsets(List.of(partition)).get(partition))) {
                    return records;
                }
            }
        }
        throw new AssertionError("read " + records.size() + " committed records of " + topic + " in " + timeout
                + ", expected at least " + atLeast);
    }

    /**
     * JSON rows {@code {"id": n, "name": "n<n>"}} for ids {@code from..to-1}, spread over the partitions by id; fails
     * unless the broker acknowledged every one.
     */
    void produceRows(String topic, int partitions, long from, long to) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (long id = from; id < to; id++) {
                sent.add(producer.send(new ProducerRecord<>(topic, (int) (id % partitions),
                        ("k" + id).getBytes(StandardCharsets.UTF_8),
                        ("{\"id\":" + id + ",\"name\":\"n" + id + "\"}").getBytes(StandardCharsets.UTF_8))));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("producing the test's records to " + topic + " failed", e);
        }
    }

    /**
     * A producer that keeps each partition's records in order: with several batches in flight, a first batch refused by a
     * just-created partition's leader and a later one accepted ends the first in OutOfOrderSequenceException.
     */
    KafkaProducer<byte[], byte[]> producer() {
        return connect.kafka().createProducer(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1"));
    }

    @Override
    public void close() {
        connect.stop();
    }
}
