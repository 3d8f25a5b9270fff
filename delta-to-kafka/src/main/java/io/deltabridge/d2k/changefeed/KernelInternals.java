package io.deltabridge.d2k.changefeed;

import io.delta.kernel.Snapshot;

/**
 * Every use of Delta Kernel's {@code io.delta.kernel.internal.*} classes in deltabridge, so that a
 * Kernel upgrade touches this one class. Kernel Java has no change-data-feed reader; building one
 * needs the log action types, deletion vectors and scan-file rows that Kernel keeps internal.
 */
final class KernelInternals {
    private KernelInternals() {}

    /** The table id (metadata id) of a snapshot. */
    static String tableId(Snapshot snapshot) {
        return snapshot.getMetadata().getId();
    }
}
