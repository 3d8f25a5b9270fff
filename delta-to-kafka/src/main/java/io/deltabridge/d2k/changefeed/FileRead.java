package io.deltabridge.d2k.changefeed;

/**
 * One file to read for the change rows of a version, and which of its rows are changes.
 *
 * <p>A row (by its index in the file) is a change when it is in {@code rowsIn} (all rows when null)
 * and not in {@code rowsNotIn} (no row excluded when null). Its change type is {@code changeType},
 * or, for cdc files ({@code changeType} null), the file's {@code _change_type} column.
 */
record FileRead(
        FileAction file,
        ChangeType changeType,
        KernelInternals.DeletionVector rowsIn,
        KernelInternals.DeletionVector rowsNotIn) {

    static FileRead cdc(FileAction file) {
        return new FileRead(file, null, null, null);
    }

    /** All rows of the file that its own deletion vector keeps. */
    static FileRead liveRows(FileAction file, ChangeType changeType) {
        return new FileRead(file, changeType, null, file.deletionVector());
    }

    boolean isCdc() {
        return changeType == null;
    }

    boolean needsRowIndexes() {
        return rowsIn != null || rowsNotIn != null;
    }

    /** The number of change rows this read yields when the log tells it without reading the file, else -1. */
    long knownChangeCount() {
        if (isCdc() || rowsIn != null || file.numRecords() < 0) {
            return -1;
        }
        return file.numRecords() - (rowsNotIn == null ? 0 : rowsNotIn.cardinality());
    }
}
