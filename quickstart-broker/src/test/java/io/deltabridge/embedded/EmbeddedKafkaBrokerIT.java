package io.deltabridge.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.RuntimeFailureException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerIT {
    private static EmbeddedKafkaBroker kafka;

    @BeforeAll
    static void startBroker() {
        kafka = new EmbeddedKafkaBroker().start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void readCommittedConsumerSeesOnlyCommittedTransactions() throws Exception {
        kafka.createTopic("tx", 2);
        Map<String, Object> props = kafka.clientProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-tx");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", 0, "k1", "committed-1")).get();
            producer.send(new ProducerRecord<>("tx", 1, "k2", "committed-2")).get();
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", 0, "k3", "aborted")).get();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", 1, "k4", "committed-3")).get();
            producer.commitTransaction();
        }
        List<String> committed = readValues("tx", "read_committed", 3);
        assertEquals(
                List.of("committed-1", "committed-2", "committed-3"),
                committed.stream().sorted().toList());
        List<String> uncommitted = readValues("tx", "read_uncommitted", 4);
        assertTrue(uncommitted.contains("aborted"), "read_uncommitted sees the aborted record: " + uncommitted);
    }

    @Test
    void recordsKeepHeadersAndNullValues() throws Exception {
        kafka.createTopic("headers", 1);
        RecordHeaders headers = new RecordHeaders();
        headers.add("deltabridge.version", "7".getBytes(StandardCharsets.UTF_8));
        headers.add("empty", new byte[0]);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(kafka.clientProperties(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("headers", 0, "k", "v", headers)).get();
            producer.send(new ProducerRecord<>("headers", 0, "k", null)).get();
        }
        List<ConsumerRecord<String, String>> records = read("headers", "read_committed", 2);
        assertArrayEquals(
                "7".getBytes(StandardCharsets.UTF_8),
                records.get(0).headers().lastHeader("deltabridge.version").value());
        assertArrayEquals(
                new byte[0], records.get(0).headers().lastHeader("empty").value());
        assertNull(records.get(1).value(), "tombstone");
    }

    @Test
    void createsPlainAndCompactedTopics() throws Exception {
        kafka.createTopic("plain", 3);
        kafka.createCompactedTopic("progress", 1);
        assertEquals(
                3,
                kafka.admin()
                        .describeTopics(List.of("plain"))
                        .allTopicNames()
                        .get()
                        .get("plain")
                        .partitions()
                        .size());
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "progress");
        Config config =
                kafka.admin().describeConfigs(List.of(resource)).all().get().get(resource);
        assertEquals("compact", config.get("cleanup.policy").value());
        RuntimeFailureException twice =
                assertThrows(RuntimeFailureException.class, () -> kafka.createTopic("plain", 3));
        assertTrue(twice.getCause() instanceof TopicExistsException, twice.toString());
        assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"), kafka.bootstrapServers());
    }

    @Test
    void closeStopsTheBrokerAndDeletesItsData() {
        EmbeddedKafkaBroker other = new EmbeddedKafkaBroker().start();
        Path dir = other.dataDir();
        assertTrue(Files.isDirectory(dir));
        assertTrue(Files.exists(dir.resolve("data").resolve("meta.properties")), "storage was formatted");
        other.close();
        assertFalse(Files.exists(dir), "data directory deleted");
        assertThrows(IllegalStateException.class, other::bootstrapServers);
        other.close();
    }

    @Test
    void restartKeepsPortsAndDataAndClientsReconnect() throws Exception {
        try (EmbeddedKafkaBroker other = new EmbeddedKafkaBroker().start()) {
            other.createTopic("kept", 1);
            String bootstrap = other.bootstrapServers();
            Map<String, Object> props = other.clientProperties();
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", "k", "before")).get();
                other.restart(Duration.ofSeconds(1));
                assertEquals(bootstrap, other.bootstrapServers());
                // the same client reaches the broker again, and the data survived
                producer.send(new ProducerRecord<>("kept", "k", "after")).get();
            }
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                TopicPartition tp = new TopicPartition("kept", 0);
                consumer.assign(List.of(tp));
                List<String> values = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (values.size() < 2 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                }
                assertEquals(List.of("before", "after"), values);
            }
        }
    }

    private static List<String> readValues(String topic, String isolation, int count) {
        return read(topic, isolation, count).stream().map(ConsumerRecord::value).toList();
    }

    private static List<ConsumerRecord<String, String>> read(String topic, String isolation, int atLeast) {
        Map<String, Object> props = kafka.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        assertTrue(out.size() >= atLeast, "read " + out.size() + " records, expected " + atLeast);
        return out;
    }
}
