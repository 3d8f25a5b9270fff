package io.deltabridge.core.config;

/** How a kafka → delta mapping writes its records (SPEC §8). */
public enum Mode {
    /** Every record is a new row. */
    APPEND,
    /** Records are changes applied by the mapping's {@code key}: insert or replace, or delete. */
    UPSERT
}
