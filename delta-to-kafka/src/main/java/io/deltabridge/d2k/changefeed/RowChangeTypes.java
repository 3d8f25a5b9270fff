package io.deltabridge.d2k.changefeed;

/** The change type of each row of a batch: one type for a whole file (add/remove), or one per row (cdc files). */
@FunctionalInterface
interface RowChangeTypes {
    ChangeType at(int rowId);

    static RowChangeTypes constant(ChangeType type) {
        return rowId -> type;
    }
}
