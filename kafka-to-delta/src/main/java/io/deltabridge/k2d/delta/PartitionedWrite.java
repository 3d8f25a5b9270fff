package io.deltabridge.k2d.delta;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.deltabridge.core.delta.KernelIterators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The files of one flush of a partitioned table: each chunk is split by partition value and its
 * rows copied into a buffer per value ({@link PartitionBuffers}), written as one Kernel write per
 * value (Kernel writes one partition per call) at the end of the flush, or earlier for the largest
 * buffers when their memory passes the bound. So a flush writes about one file per value, not one
 * per value per chunk, and a chunk is free again once copied.
 */
final class PartitionedWrite implements ChunkedWrite {
    private final Engine engine;
    private final Transaction transaction;
    private final Row state;
    private final List<String> partitionColumns;
    private final String tablePath;
    private final Executor ioThread;
    /** Used by the writer thread only. */
    private final PartitionBuffers buffers;
    /** Appended to by the writer thread only; read after the last chunk's future completed. */
    private final List<PendingWrite.FileGroup> groups = new ArrayList<>();

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
    private volatile boolean aborted;
    private long handed;
    private long rows;

    private record Pending(long sequence, CompletableFuture<Void> done) {}

    /** {@code bufferBytes}: the bound of the rows buffered per partition value (decoded bytes). */
    PartitionedWrite(Engine engine, Transaction transaction, String tablePath, Executor ioThread, long bufferBytes) {
        this.engine = engine;
        this.transaction = transaction;
        this.state = transaction.getTransactionState(engine);
        this.partitionColumns = transaction.getPartitionColumns(engine);
        this.tablePath = tablePath;
        this.ioThread = ioThread;
        this.buffers = new PartitionBuffers(bufferBytes);
    }

    @Override
    public long add(ColumnarBatch chunk) {
        if (last.isCompletedExceptionally()) {
            finish(); // throws the writer's failure
        }
        rows += chunk.getSize();
        last = last.thenRunAsync(() -> writeChunk(chunk), ioThread);
        pending.add(new Pending(++handed, last));
        return handed;
    }

    @Override
    public void awaitConsumed(long sequence) {
        while (!pending.isEmpty() && pending.peek().sequence() <= sequence) {
            pending.poll().done().exceptionally(e -> null).join(); // a failure is reported by add or finish
        }
    }

    @Override
    public PendingWrite finish() {
        last = last.thenRunAsync(() -> buffers.drain(this::writeGroup), ioThread);
        try {
            last.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
            throw ChunkedWrite.failed(tablePath, cause);
        }
        pending.clear();
        return new PendingWrite(transaction, List.copyOf(groups), rows);
    }

    @Override
    public void abort() {
        aborted = true;
        last.exceptionally(e -> null).join();
        pending.clear();
    }

    private void writeChunk(ColumnarBatch chunk) {
        if (aborted) {
            return;
        }
        buffers.add(chunk, Partitions.group(chunk, partitionColumns), this::writeGroup);
    }

    private void writeGroup(Map<String, Literal> partitionValues, ColumnarBatch rows) {
        if (aborted) {
            return;
        }
        CloseableIterator<FilteredColumnarBatch> physical = Transaction.transformLogicalData(
                engine,
                state,
                KernelIterators.single(new FilteredColumnarBatch(rows, Optional.empty())),
                partitionValues);
        DataWriteContext context = Transaction.getWriteContext(engine, state, partitionValues);
        List<DataFileStatus> files = new ArrayList<>();
        try (CloseableIterator<DataFileStatus> written = engine.getParquetHandler()
                .writeParquetFiles(context.getTargetDirectory(), physical, context.getStatisticsColumns())) {
            written.forEachRemaining(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        groups.add(new PendingWrite.FileGroup(partitionValues, files));
    }
}
