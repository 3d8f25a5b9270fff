package io.deltabridge.k2d.delta;

import io.delta.kernel.data.ColumnarBatch;
import io.deltabridge.core.error.Problem;

/**
 * The Parquet files of one flush, written chunk by chunk on a writer thread while the consumer
 * thread decodes the next chunk, so that a flush never holds more than two chunks in memory (plus
 * the bounded per-value buffers of a partitioned table's write, {@link PartitionBuffers}).
 * A chunk's memory may be reused once {@link #awaitConsumed} for its sequence number returns.
 */
public interface ChunkedWrite {
    /** Hands a chunk to the writer; returns its sequence number (1, 2, ...). */
    long add(ColumnarBatch chunk);

    /** Waits until the writer is done with chunk {@code sequence} (0: returns at once). */
    void awaitConsumed(long sequence);

    /** Ends the write and returns the files written, ready to commit; throws the writer's failure. */
    PendingWrite finish();

    /** Stops the writer without using its files (they stay orphaned; readers ignore them). */
    void abort();

    /** The error a failed Parquet write is reported as. */
    static RuntimeException failed(String tablePath, Throwable cause) {
        return Problem.of("Writing Parquet files into %s failed", tablePath)
                .because("%s", cause.getMessage())
                .fix("check that the table location is reachable and writable")
                .retriable(cause);
    }
}
