package io.deltabridge.d2k;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer settings of a mapping: throughput-oriented defaults, overridden by whatever the
 * mapping file's {@code kafka:} and {@code producer:} blocks set, plus the transactional id, which nothing overrides.
 */
final class ProducerSettings {
    private static final Map<String, Object> DEFAULTS = Map.of(
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            10,
            ProducerConfig.BATCH_SIZE_CONFIG,
            256 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "lz4",
            ProducerConfig.BUFFER_MEMORY_CONFIG,
            32L * 1024 * 1024,
            // a large version is one transaction: give it time, the broker caps it at transaction.max.timeout.ms
            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
            300_000);

    private ProducerSettings() {}

    /** The {@code transaction.timeout.ms} the producer will use: the file's, else the default here. */
    static Duration transactionTimeout(Map<String, String> fileSettings) {
        String configured = fileSettings.get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        return Duration.ofMillis(
                configured == null
                        ? ((Number) DEFAULTS.get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)).longValue()
                        : Long.parseLong(configured.trim()));
    }

    /** Overrides to hand to the client factory, which applies them over the file's settings. */
    static Map<String, Object> overrides(Map<String, String> fileSettings, String transactionalId) {
        Map<String, Object> overrides = new HashMap<>();
        DEFAULTS.forEach((k, v) -> {
            if (!fileSettings.containsKey(k)) {
                overrides.put(k, v);
            }
        });
        overrides.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return overrides;
    }
}
