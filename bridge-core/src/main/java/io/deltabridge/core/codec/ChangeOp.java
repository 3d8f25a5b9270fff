package io.deltabridge.core.codec;

/** What one change event asks of a table whose rows are identified by key columns. */
public enum ChangeOp {
    /** Insert the decoded row, replacing the row with the same key when there is one. */
    UPSERT,
    /** Remove the row whose key the decoded row carries (only the key columns need to be set). */
    DELETE,
    /** Nothing to apply, e.g. the tombstone that follows a Debezium delete or an update's pre-image. */
    SKIP
}
