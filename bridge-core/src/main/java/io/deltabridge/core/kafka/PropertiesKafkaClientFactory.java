package io.deltabridge.core.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Builds real Kafka clients: the file's settings, then the caller's overrides, byte-array (de)serializers. */
public final class PropertiesKafkaClientFactory implements KafkaClientFactory {
    private final Map<String, String> settings;

    public PropertiesKafkaClientFactory(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public Producer<byte[], byte[]> producer(Map<String, Object> overrides) {
        return new KafkaProducer<>(merge(overrides), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public Consumer<byte[], byte[]> consumer(Map<String, Object> overrides) {
        return new KafkaConsumer<>(merge(overrides), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Admin admin() {
        return Admin.create(merge(Map.of()));
    }

    @Override
    public Map<String, String> settings() {
        return settings;
    }

    private Map<String, Object> merge(Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>(settings);
        props.putAll(overrides);
        return props;
    }
}
