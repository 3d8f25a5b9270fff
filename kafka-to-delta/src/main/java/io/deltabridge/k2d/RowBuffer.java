package io.deltabridge.k2d;

import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.k2d.delta.ChunkedWrite;
import io.deltabridge.k2d.delta.DeltaAppender;
import io.deltabridge.k2d.delta.PendingWrite;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The rows of the open batch, in two builders: records are decoded into one while a writer thread
 * turns the other, a full chunk, into Parquet. A chunk is full at {@code chunkRows} rows or
 * {@code chunkBytes} bytes of decoded data, so the memory of a batch is bounded by two chunks
 * (a partitioned table's write adds its per-value buffers, {@link #PARTITION_BUFFER_CHUNKS} chunks'
 * bytes at most) whatever the flush policy and the number of partition values.
 */
final class RowBuffer implements AutoCloseable {
    /** Decoded bytes a partitioned write buffers across chunks, in chunks' worth: memory vs files per flush. */
    private static final int PARTITION_BUFFER_CHUNKS = 2;
    /** Rows between two measurements of a chunk's size (a measurement walks the column builders). */
    private static final int MEASURE_EVERY = 64;

    private final DeltaAppender appender;
    private final int chunkRows;
    private final long chunkBytes;
    private final BatchBuilder[] builders;
    private final long[] handed = new long[2];
    private final ExecutorService ioThread;
    private int current;
    private BatchBuilder batch;
    private ChunkedWrite writing;
    private long rows;
    /** Decoded bytes of the chunks handed to the writer in this batch. */
    private long handedBytes;
    /** Decoded bytes of the current chunk at its last measurement. */
    private long chunkMeasured;

    RowBuffer(DeltaAppender appender, String mappingName, int chunkRows, long chunkBytes) {
        this.appender = appender;
        this.chunkRows = chunkRows;
        this.chunkBytes = chunkBytes;
        this.builders = new BatchBuilder[] {new BatchBuilder(appender.schema()), new BatchBuilder(appender.schema())};
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

    /** Decoded bytes in the open batch (written chunks included): what {@code flush.max-bytes} limits. */
    long byteSize() {
        return handedBytes + chunkMeasured;
    }

    /** Counts the row just committed to {@link #builder()}; hands a full chunk to the writer thread. */
    void rowAdded() {
        rows++;
        int inChunk = batch.rowCount();
        if (inChunk % MEASURE_EVERY == 0) {
            chunkMeasured = batch.byteSize();
        }
        if (inChunk >= chunkRows || chunkMeasured >= chunkBytes) {
            handOff();
        }
    }

    /** Gives the full chunk to the writer thread and continues in the other builder once its chunk is written. */
    private void handOff() {
        if (writing == null) {
            writing = appender.startWrite(ioThread, PARTITION_BUFFER_CHUNKS * chunkBytes);
            // sequence numbers are per write
            handed[0] = 0;
            handed[1] = 0;
        }
        handedBytes += batch.byteSize();
        chunkMeasured = 0;
        handed[current] = writing.add(batch.build());
        current ^= 1;
        writing.awaitConsumed(handed[current]);
        batch = builders[current];
        batch.reset();
    }

    /** Writes the rows of the open batch as Parquet files, ready to commit. */
    PendingWrite write() {
        if (rows == 0) {
            return appender.noRows();
        }
        if (batch.rowCount() > 0) {
            handOff();
        }
        PendingWrite write = writing.finish();
        writing = null;
        return write;
    }

    /** Forgets the open batch, aborting files being written. */
    void discard() {
        if (writing != null) {
            writing.abort();
            writing = null;
        }
        for (BatchBuilder b : builders) {
            b.reset();
        }
        rows = 0;
        handedBytes = 0;
        chunkMeasured = 0;
    }

    @Override
    public void close() {
        ioThread.shutdownNow();
    }
}
