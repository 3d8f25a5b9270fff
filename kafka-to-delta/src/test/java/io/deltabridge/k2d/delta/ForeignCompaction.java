package io.deltabridge.k2d.delta;

import io.delta.kernel.Operation;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.deltabridge.core.delta.KernelIterators;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Another writer of a table compacting it as OPTIMIZE does: every data file rewritten into new ones, in one commit (tests only). */
public final class ForeignCompaction {
    private ForeignCompaction() {}

    /** Rewrites the rows of every data file of the unpartitioned table {@code table} into new files. */
    public static void compact(Engine engine, String table) throws IOException {
        Snapshot snapshot = TableManager.loadSnapshot(table).build(engine);
        Transaction txn = snapshot.buildUpdateTableTransaction("foreign-optimize", Operation.WRITE)
                .build(engine);
        Scan scan = snapshot.getScanBuilder().build();
        Row state = scan.getScanState(engine);
        List<Row> files = new ArrayList<>();
        TableFiles.forEachFile(engine, scan, files::add);
        PendingWrite.FileGroup compacted = TableFiles.write(
                engine, txn, Map.of(), KernelIterators.of(files).flatMap(file -> TableFiles.read(engine, state, file)));
        List<Row> actions = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Row file : files) {
            AddFile add = new AddFile(file.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL));
            actions.add(SingleAction.createRemoveFileSingleAction(add.toRemoveFileRow(true, Optional.of(now))));
        }
        try (CloseableIterator<Row> adds =
                new PendingWrite(txn, List.of(compacted), 0).actions(engine, txn, snapshot)) {
            adds.forEachRemaining(actions::add);
        }
        txn.commit(engine, CloseableIterable.inMemoryIterable(KernelIterators.of(actions)));
    }
}
