package io.deltabridge.k2d.delta;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.deltabridge.core.error.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * The Parquet files of one flush of an unpartitioned table: chunks are handed over one at a time
 * ({@link #add}) and Kernel's writer pulls them as one stream, so files still roll at the target
 * size.
 */
final class StreamingWrite implements ChunkedWrite {
    private final Transaction transaction;
    private final String tablePath;
    private final CompletableFuture<List<DataFileStatus>> files;
    private ColumnarBatch pending;
    private long handed;
    private long taken;
    private long consumed;
    private long rows;
    private boolean finished;
    private boolean aborted;

    StreamingWrite(Engine engine, Transaction transaction, String tablePath, Executor ioThread) {
        this.transaction = transaction;
        this.tablePath = tablePath;
        Row state = transaction.getTransactionState(engine);
        DataWriteContext context = Transaction.getWriteContext(engine, state, Map.of());
        this.files = CompletableFuture.supplyAsync(
                () -> {
                    List<DataFileStatus> written = new ArrayList<>();
                    try (CloseableIterator<DataFileStatus> out = engine.getParquetHandler()
                            .writeParquetFiles(
                                    context.getTargetDirectory(),
                                    Transaction.transformLogicalData(engine, state, new Chunks(), Map.of()),
                                    context.getStatisticsColumns())) {
                        out.forEachRemaining(written::add);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        stopped();
                    }
                    return written;
                },
                ioThread);
    }

    /** Waits while the writer still holds the previous chunk. */
    @Override
    public synchronized long add(ColumnarBatch chunk) {
        while (pending != null && !files.isDone()) {
            waitHere();
        }
        if (files.isDone()) {
            finish(); // throws the writer's failure
        }
        pending = chunk;
        rows += chunk.getSize();
        notifyAll();
        return ++handed;
    }

    @Override
    public synchronized void awaitConsumed(long sequence) {
        while (consumed < sequence && !files.isDone()) {
            waitHere();
        }
    }

    @Override
    public PendingWrite finish() {
        synchronized (this) {
            finished = true;
            notifyAll();
        }
        try {
            List<DataFileStatus> written = files.get();
            return new PendingWrite(transaction, List.of(new PendingWrite.FileGroup(Map.of(), written)), rows);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error; // out of memory on the writer thread: fatal, not a storage problem to retry
            }
            Throwable cause = e.getCause() instanceof IllegalStateException
                            && e.getCause().getCause() != null
                    ? e.getCause().getCause()
                    : e.getCause();
            throw ChunkedWrite.failed(tablePath, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.of("Interrupted while writing Parquet files into %s", tablePath)
                    .runtime(e);
        }
    }

    @Override
    public void abort() {
        synchronized (this) {
            aborted = true;
            finished = true;
            notifyAll();
        }
        files.exceptionally(e -> List.of()).join();
    }

    private synchronized void stopped() {
        consumed = taken;
        notifyAll();
    }

    private void waitHere() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.of("Interrupted while writing Parquet files into %s", tablePath)
                    .runtime(e);
        }
    }

    /** The writer's side: the chunks as Kernel's input iterator. */
    private final class Chunks implements CloseableIterator<FilteredColumnarBatch> {
        @Override
        public boolean hasNext() {
            synchronized (StreamingWrite.this) {
                // asking for the next chunk means the previous one is fully written
                consumed = taken;
                StreamingWrite.this.notifyAll();
                while (pending == null && !finished) {
                    waitHere();
                }
                if (aborted) {
                    throw new IllegalStateException("write aborted");
                }
                return pending != null;
            }
        }

        @Override
        public FilteredColumnarBatch next() {
            synchronized (StreamingWrite.this) {
                if (pending == null) {
                    throw new NoSuchElementException();
                }
                ColumnarBatch b = pending;
                pending = null;
                taken++;
                StreamingWrite.this.notifyAll();
                return new FilteredColumnarBatch(b, Optional.empty());
            }
        }

        @Override
        public void close() {}
    }
}
