package io.deltabridge.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.delta.TableUris;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.Test;

/** The sink connector on a real Connect cluster, deployed through its REST API. */
class SinkConnectorIT extends WithConnectCluster {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /**
     * 300 records over 3 partitions, a bad one set aside in Connect's dead letter queue, then a restart of the
     * connector and 300 more: the table holds every good record once.
     */
    @Test
    void writesEveryRecordOnceAcrossARestart() throws Exception {
        String topic = "orders-in";
        cluster.connect().kafka().createTopic(topic, 3);
        String table = TableUris.normalize(dir.resolve("orders").toString());
        cluster.topics().produceRows(topic, 3, 0, 300);
        try (KafkaProducer<byte[], byte[]> producer = cluster.connect().kafka().createProducer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, 1, bytes("bad"), bytes("{\"id\":\"not a number\"}"))).get();
        }

        Map<String, String> config = ConnectCluster.sinkConfig(topic, table);
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "orders-dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        cluster.connect().configureConnector("orders-sink", config);
        cluster.connect().assertions().assertConnectorAndAtLeastNumTasksAreRunning("orders-sink", 1, "sink running");
        TableIds.awaitEveryIdOnce(table, 300, TIMEOUT);

        cluster.connect().restartConnectorAndTasks("orders-sink", false, true, false);
        cluster.topics().produceRows(topic, 3, 300, 600);
        TableIds.awaitEveryIdOnce(table, 600, TIMEOUT);

        List<ConsumerRecord<byte[], byte[]>> dead = cluster.topics().readCommitted("orders-dlq", 1, TIMEOUT);
        assertEquals(1, dead.size(), "dead letters");
        assertEquals("bad", new String(dead.get(0).key(), StandardCharsets.UTF_8));
        assertTrue(new String(dead.get(0).headers().lastHeader("__connect.errors.exception.message").value(),
                StandardCharsets.UTF_8).contains("id"), "Connect's error headers name the problem");
        cluster.connect().deleteConnector("orders-sink");
    }

    /** A wrong value is answered by Connect's validate endpoint with the mapping file's own message. */
    @Test
    void validateAnswersConfigErrorsWithTheMappingFilesMessages() {
        Map<String, String> config = new HashMap<>(ConnectCluster.passThroughConverters());
        config.put("connector.class", ConnectCluster.SINK_CONNECTOR);
        config.put("name", "validated");
        config.put("topics", "t");
        config.put("to.delta", dir.resolve("t").toString());
        config.put("to.create", "true");
        config.put("to.schema", ConnectCluster.ROW_SCHEMA);
        config.put("format", "xml");
        ConfigInfos infos = cluster.connect().validateConnectorConfig("DeltaSinkConnector", config);
        Map<String, List<String>> errors = infos.configs().stream()
                .filter(v -> !v.configValue().errors().isEmpty())
                .collect(Collectors.toMap(v -> v.configValue().name(), v -> v.configValue().errors()));
        assertEquals(1, infos.errorCount(), errors.toString());
        String message = errors.get("format").get(0);
        assertTrue(message.contains("mappings[0].format") && message.contains("xml") && message.contains("json"), message);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
