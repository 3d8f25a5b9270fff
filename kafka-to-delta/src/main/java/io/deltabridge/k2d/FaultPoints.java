package io.deltabridge.k2d;

import io.deltabridge.k2d.delta.TableChange;

/**
 * Points in a flush where the crash tests stop a pipeline as a killed process would; no-ops in
 * production. An exception thrown here aborts the run without any further commit.
 */
interface FaultPoints {
    FaultPoints NONE = new FaultPoints() {};

    /** Parquet files are written, the Delta commit not yet made. */
    default void afterFilesWritten(TableChange write) {}

    /** The Delta commit is made, the consumer group offsets not yet committed. */
    default void afterDeltaCommit(long version) {}
}
