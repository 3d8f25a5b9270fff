package io.deltabridge.k2d;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.deltabridge.core.delta.KernelIterators;
import io.deltabridge.core.vector.BatchBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Another writer of a table: plain Delta Kernel blind appends of rows with only {@code id} set (tests only). */
final class ForeignAppender {
    private ForeignAppender() {}

    /** Appends rows {@code from}..{@code to} (exclusive) to the unpartitioned table in one commit, retrying conflicts. */
    static void append(Engine engine, String table, long from, long to) throws IOException {
        while (true) {
            Transaction txn = TableManager.loadSnapshot(table)
                    .build(engine)
                    .buildUpdateTableTransaction("foreign-writer", Operation.WRITE)
                    .build(engine);
            Row state = txn.getTransactionState(engine);
            BatchBuilder b = new BatchBuilder(txn.getSchema(engine));
            for (long id = from; id < to; id++) {
                b.startRow();
                b.column("id").appendLong(id);
                b.commitRow();
            }
            DataWriteContext context = Transaction.getWriteContext(engine, state, Map.of());
            List<DataFileStatus> files = new ArrayList<>();
            try (CloseableIterator<DataFileStatus> written = engine.getParquetHandler()
                    .writeParquetFiles(
                            context.getTargetDirectory(),
                            Transaction.transformLogicalData(
                                    engine,
                                    state,
                                    KernelIterators.single(
                                            new FilteredColumnarBatch(b.build(), java.util.Optional.empty())),
                                    Map.of()),
                            context.getStatisticsColumns())) {
                written.forEachRemaining(files::add);
            }
            List<Row> actions = new ArrayList<>();
            try (CloseableIterator<Row> rows =
                    Transaction.generateAppendActions(engine, state, KernelIterators.of(files), context)) {
                rows.forEachRemaining(actions::add);
            }
            try {
                txn.commit(engine, CloseableIterable.inMemoryIterable(KernelIterators.of(actions)));
                return;
            } catch (ConcurrentWriteException e) {
                // a conflict Kernel could not rebase: start over on the latest snapshot
            }
        }
    }
}
