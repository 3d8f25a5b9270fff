package io.deltabridge.core.kafka;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Creates Kafka clients from the {@code kafka:} settings of the mapping file plus per-use
 * overrides. Pipelines get clients only from here so tests and applications can swap them.
 */
public interface KafkaClientFactory {

    Producer<byte[], byte[]> producer(Map<String, Object> overrides);

    Consumer<byte[], byte[]> consumer(Map<String, Object> overrides);

    Admin admin();

    /** The client settings from the mapping file, for building clients elsewhere. */
    Map<String, String> settings();
}
