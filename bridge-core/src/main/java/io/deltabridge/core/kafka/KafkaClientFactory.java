package io.deltabridge.core.kafka;

import io.deltabridge.core.config.ClientRole;
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

    /** The settings a client of {@code role} is built from: {@link #settings()} with the role's own over them. */
    default Map<String, String> settings(ClientRole role) {
        return settings();
    }

    /**
     * The factory for one mapping's clients, with its per-role settings (SPEC §8 {@code producer:} /
     * {@code consumer:} / {@code admin:}, the file's and the mapping's own). A factory that has no such
     * settings returns itself.
     */
    default KafkaClientFactory forMapping(String mappingName) {
        return this;
    }
}
