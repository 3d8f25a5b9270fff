package io.deltabridge.core.config;

/** Where a kafka → delta mapping starts reading a partition the table stores no offset for. */
public enum StartingOffsets {
    /** The partition's log start: everything still retained is written. */
    EARLIEST,
    /** The partition's end when the mapping first sees it: only records produced after that are written. */
    LATEST
}
