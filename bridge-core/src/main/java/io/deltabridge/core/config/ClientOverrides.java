package io.deltabridge.core.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Kafka client settings for one role, merged over the shared {@code kafka:} block: the file's
 * top-level {@code producer:} / {@code consumer:} / {@code admin:} blocks, or those of one mapping
 * merged over them (like Kafka Connect's {@code producer.override.*}).
 */
public record ClientOverrides(Map<String, String> producer, Map<String, String> consumer, Map<String, String> admin) {
    public static final ClientOverrides NONE = new ClientOverrides(Map.of(), Map.of(), Map.of());

    public ClientOverrides {
        producer = Map.copyOf(producer);
        consumer = Map.copyOf(consumer);
        admin = Map.copyOf(admin);
    }

    /** The settings of {@code role}. */
    public Map<String, String> get(ClientRole role) {
        return switch (role) {
            case PRODUCER -> producer;
            case CONSUMER -> consumer;
            case ADMIN -> admin;
        };
    }

    /** {@code shared} with this role's settings over it: what a client of that role is built from. */
    public Map<String, String> over(Map<String, String> shared, ClientRole role) {
        return merge(shared, get(role));
    }

    /** These overrides merged over {@code base} (a mapping's over the file's): these win key by key. */
    public ClientOverrides over(ClientOverrides base) {
        return new ClientOverrides(
                merge(base.producer, producer), merge(base.consumer, consumer), merge(base.admin, admin));
    }

    private static Map<String, String> merge(Map<String, String> base, Map<String, String> top) {
        Map<String, String> merged = new HashMap<>(base);
        merged.putAll(top);
        return merged;
    }

    /** Secret values are shown as {@value Secrets#MASK}. */
    @Override
    public String toString() {
        return "ClientOverrides[producer=" + Secrets.redact(producer) + ", consumer=" + Secrets.redact(consumer)
                + ", admin=" + Secrets.redact(admin) + "]";
    }
}
