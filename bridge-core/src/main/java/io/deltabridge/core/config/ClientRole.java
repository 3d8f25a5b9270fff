package io.deltabridge.core.config;

/** The kinds of Kafka client the bridge creates; each may get its own settings over the shared {@code kafka:} block. */
public enum ClientRole {
    PRODUCER,
    CONSUMER,
    ADMIN;

    /** The key of the role's block in the mapping file: {@code producer}, {@code consumer}, {@code admin}. */
    public String key() {
        return ValueType.enumName(this);
    }
}
