package io.deltabridge.core.config;

/** Shape of a delta → kafka event value. */
public enum Envelope {
    /** The row's columns, nothing else. */
    ROW,
    /** Debezium-style {@code before / after / op / source / ts_ms}. */
    DEBEZIUM
}
