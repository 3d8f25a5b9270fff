package io.deltabridge.core.config;

/** Key format of Kafka records; {@code STRING} only for a single key column. */
public enum KeyFormat {
    JSON,
    AVRO,
    STRING
}
