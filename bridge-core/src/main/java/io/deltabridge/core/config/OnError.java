package io.deltabridge.core.config;

/** What kafka → delta does with a record it cannot decode or map. */
public enum OnError {
    DEAD_LETTER,
    FAIL
}
