package io.deltabridge.d2k.changefeed;

import java.util.Map;

/**
 * A data or change file named by a commit.
 *
 * @param size bytes, or -1 when the log does not say (remove actions may omit it)
 * @param deletionVector the file's deletion vector in this action, or null
 * @param numRecords rows in the file according to its statistics, or -1 when unknown
 */
record FileAction(
        Kind kind,
        String path,
        Map<String, String> partitionValues,
        long size,
        KernelInternals.DeletionVector deletionVector,
        long numRecords) {
    enum Kind {
        ADD,
        REMOVE,
        CDC
    }
}
