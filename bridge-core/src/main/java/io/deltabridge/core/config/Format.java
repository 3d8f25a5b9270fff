package io.deltabridge.core.config;

/** Value format of Kafka records. */
public enum Format {
    JSON,
    AVRO
}
