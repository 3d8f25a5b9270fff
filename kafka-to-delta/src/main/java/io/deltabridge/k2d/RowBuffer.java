package io.deltabridge.k2d;

import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.k2d.delta.DeltaAppender;
import io.deltabridge.k2d.delta.PendingWrite;
import io.deltabridge.k2d.delta.StreamingWrite;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The rows of the open batch. Unpartitioned tables get two builders: records are decoded into one
 * while a writer thread turns the other, a full chunk, into Parquet; partitioned tables buffer the
 * whole batch in one builder and write it at flush.
 */
final class RowBuffer implements AutoCloseable {
    private final DeltaAppender appender;
    private final int chunkRows;
    private final BatchBuilder[] builders;
    private final long[] handed = new long[2];
    private final ExecutorService ioThread;
    private int current;
    private BatchBuilder batch;
    private StreamingWrite streaming;
    private long rows;

    RowBuffer(DeltaAppender appender, String mappingName, int chunkRows) {
        this.appender = appender;
        this.chunkRows = chunkRows;
        this.builders = appender.isPartitioned()
                ? new BatchBuilder[] {new BatchBuilder(appender.schema())}
                : new BatchBuilder[] {new BatchBuilder(appender.schema()), new BatchBuilder(appender.schema())};
        this.batch = builders[0];
        this.ioThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "deltabridge-parquet-" + mappingName);
            t.setDaemon(true);
            return t;
        });
    }

    /** The builder the next record is decoded into; changes after a chunk is handed off. */
    BatchBuilder builder() {
        return batch;
    }

    /** Rows in the open batch. */
    long rowCount() {
        return rows;
    }

    /** Counts the row just committed to {@link #builder()}; hands a full chunk to the writer thread. */
    void rowAdded() {
        rows++;
        if (builders.length == 2 && batch.rowCount() >= chunkRows) {
            handOff();
        }
    }

    /** Gives the full chunk to the writer thread and continues in the other builder once its chunk is written. */
    private void handOff() {
        if (streaming == null) {
            streaming = appender.startStreaming(ioThread);
            // sequence numbers are per streaming write
            handed[0] = 0;
            handed[1] = 0;
        }
        handed[current] = streaming.add(batch.build());
        current ^= 1;
        streaming.awaitConsumed(handed[current]);
        batch = builders[current];
        batch.reset();
    }

    /** Writes the rows of the open batch as Parquet files, ready to commit. */
    PendingWrite write() {
        if (rows == 0) {
            return appender.noRows();
        }
        if (builders.length == 2) {
            if (batch.rowCount() > 0) {
                handOff();
            }
            PendingWrite write = streaming.finish();
            streaming = null;
            return write;
        }
        return appender.write(batch.build());
    }

    /** Forgets the open batch, aborting files being written. */
    void discard() {
        if (streaming != null) {
            streaming.abort();
            streaming = null;
        }
        for (BatchBuilder b : builders) {
            b.reset();
        }
        rows = 0;
    }

    @Override
    public void close() {
        ioThread.shutdownNow();
    }
}
