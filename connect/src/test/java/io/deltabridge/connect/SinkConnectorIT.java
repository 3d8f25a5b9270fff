package io.deltabridge.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.delta.TableUris;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
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
            producer.send(new ProducerRecord<>(topic, 1, bytes("bad"), bytes("{\"id\":\"not a number\"}")))
                    .get();
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
        ConsumerRecord<byte[], byte[]> letter = dead.get(0);
        assertTrue(
                header(letter, "__connect.errors.exception.message").contains("id"),
                "Connect's error headers name the problem");
        // and deltabridge's own, as `bridge run` gives its dead letters
        assertTrue(
                header(letter, "deltabridge.error.message").contains("id"),
                header(letter, "deltabridge.error.message"));
        assertFalse(header(letter, "deltabridge.error.class").isEmpty(), "deltabridge.error.class");
        assertEquals(topic, header(letter, "deltabridge.source.topic"));
        assertEquals("1", header(letter, "deltabridge.source.partition"));
        assertEquals("100", header(letter, "deltabridge.source.offset"), "after the 100 good records of partition 1");
        cluster.connect().deleteConnector("orders-sink");
    }

    /** {@code topics.regex}: the matching topics, one created while the connector runs, land once; others not at all. */
    @Test
    void topicsRegexReadsEveryMatchingTopicIncludingOneCreatedLater() throws Exception {
        cluster.connect().kafka().createTopic("regex.a", 2);
        cluster.connect().kafka().createTopic("regex-other", 1);
        cluster.topics().produceRows("regex.a", 2, 0, 100);
        cluster.topics().produceRows("regex-other", 1, 1000, 1010);
        String table = TableUris.normalize(dir.resolve("regex").toString());
        Map<String, String> config = ConnectCluster.sinkConfig("unused", table);
        config.remove("topics");
        config.put("topics.regex", "regex\\..*");
        // new topics are found at the consumer's metadata refresh: every half second instead of every 5 minutes
        config.put("consumer.override.metadata.max.age.ms", "500");
        cluster.connect().configureConnector("regex-sink", config);
        cluster.connect().assertions().assertConnectorAndAtLeastNumTasksAreRunning("regex-sink", 1, "sink running");
        TableIds.awaitEveryIdOnce(table, 100, TIMEOUT);

        cluster.connect().kafka().createTopic("regex.b", 1);
        cluster.topics().produceRows("regex.b", 1, 100, 150);
        TableIds.awaitEveryIdOnce(table, 150, TIMEOUT);
        cluster.connect().deleteConnector("regex-sink");
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
                .collect(Collectors.toMap(
                        v -> v.configValue().name(), v -> v.configValue().errors()));
        assertEquals(1, infos.errorCount(), errors.toString());
        String message = errors.get("format").get(0);
        assertTrue(
                message.contains("mappings[0].format") && message.contains("xml") && message.contains("json"), message);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(
                header,
                name + " among the headers "
                        + Arrays.stream(record.headers().toArray())
                                .map(Header::key)
                                .toList());
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
