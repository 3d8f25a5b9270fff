package io.deltabridge.k2d.delta;

import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.deltabridge.core.delta.KernelIterators;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A flush of {@code mode: upsert}, copy-on-write: the rows upserted are written as new files once;
 * the files that hold a changed key are removed and their other rows written again, in the same
 * commit. Which files those are depends on the snapshot the commit lands on, so the plan is made
 * against the snapshot of each commit attempt: a file another writer removed or added meanwhile
 * (OPTIMIZE, a second instance, a Spark job) is seen, and no update is lost, no delete resurrected,
 * no key duplicated. Candidate files are found with the statistics of the first key column (Kernel's
 * data skipping), then by reading their key columns only.
 */
public final class CopyOnWriteChange implements TableChange {
    private static final Logger LOG = LoggerFactory.getLogger(CopyOnWriteChange.class);

    private final KeyColumns keys;
    private final Set<List<Object>> changedKeys;
    private final long changes;
    private final Transaction transaction;
    private final List<DataFileStatus> upserted;
    private long plannedVersion = -1;
    private List<Row> removes = List.of();
    private List<DataFileStatus> rewritten = List.of();

    private CopyOnWriteChange(KeyColumns keys, Set<List<Object>> changedKeys, long changes, Transaction transaction,
                              List<DataFileStatus> upserted) {
        this.keys = keys;
        this.changedKeys = changedKeys;
        this.changes = changes;
        this.transaction = transaction;
        this.upserted = upserted;
    }

    /**
     * Writes the upserted rows ({@code rows}, of the table's columns, where {@code upsert} is set) and plans the rewrite against
     * the appender's snapshot.
     *
     * @param changedKeys every key upserted or deleted
     * @param changes     the changes applied (upserts and deletes, after the last change per key won)
     */
    public static CopyOnWriteChange prepare(DeltaAppender appender, KeyColumns keys, ColumnarBatch rows, boolean[] upsert,
                                            Set<List<Object>> changedKeys, long changes) {
        Engine engine = appender.engine();
        Transaction txn = appender.newTransaction(false);
        List<DataFileStatus> upserted = TableFiles.write(engine, txn,
                KernelIterators.single(new FilteredColumnarBatch(new AsTableSchema(rows, appender.schema()), Optional.of(new Selection(upsert)))));
        CopyOnWriteChange change = new CopyOnWriteChange(keys, changedKeys, changes, txn, upserted);
        change.plan(engine, txn, appender.snapshot());
        return change;
    }

    @Override
    public Transaction transaction() {
        return transaction;
    }

    @Override
    public boolean rebasable() {
        return false;
    }

    @Override
    public CloseableIterator<Row> actions(Engine engine, Transaction txn, Snapshot base) {
        if (base.getVersion() != plannedVersion) {
            LOG.info("Table {} moved to version {} since the upsert was planned on {}: planning again", base.getPath(), base.getVersion(), plannedVersion);
            plan(engine, txn, base);
        }
        List<DataFileStatus> added = new ArrayList<>(upserted);
        added.addAll(rewritten);
        List<Row> actions = new ArrayList<>(removes);
        try (CloseableIterator<Row> adds = new PendingWrite(txn, List.of(new PendingWrite.FileGroup(Map.of(), added)), 0)
                .actions(engine, txn, base)) {
            adds.forEachRemaining(actions::add);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return KernelIterators.of(actions);
    }

    /** Finds the files of {@code base} holding a changed key; writes their other rows; removes them. */
    private void plan(Engine engine, Transaction txn, Snapshot base) {
        List<Row> touched = touchedFiles(engine, base);
        Scan all = base.getScanBuilder().build();
        Row state = all.getScanState(engine);
        rewritten = touched.isEmpty() ? List.of() : TableFiles.write(engine, txn,
                KernelIterators.of(touched).flatMap(file -> TableFiles.read(engine, state, file).map(this::withoutChangedKeys)));
        long now = System.currentTimeMillis();
        List<Row> planned = new ArrayList<>();
        for (Row file : touched) {
            AddFile add = new AddFile(file.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL));
            planned.add(SingleAction.createRemoveFileSingleAction(add.toRemoveFileRow(true, Optional.of(now))));
        }
        removes = planned;
        plannedVersion = base.getVersion();
        LOG.debug("Upsert into {} at version {}: {} files rewritten into {}", base.getPath(), plannedVersion, touched.size(), rewritten.size());
    }

    private List<Row> touchedFiles(Engine engine, Snapshot base) {
        ScanBuilder builder = base.getScanBuilder().withReadSchema(keys.schema(base.getSchema()));
        Optional<io.delta.kernel.expressions.Predicate> filter = keys.candidateFilter(changedKeys);
        if (filter.isPresent()) {
            builder = builder.withFilter(filter.get());
        }
        Scan scan = builder.build();
        Row state = scan.getScanState(engine);
        List<Row> touched = new ArrayList<>();
        TableFiles.forEachFile(engine, scan, file -> {
            if (holdsChangedKey(engine, state, file)) {
                touched.add(file);
            }
        });
        return touched;
    }

    private boolean holdsChangedKey(Engine engine, Row state, Row file) {
        try (CloseableIterator<FilteredColumnarBatch> batches = TableFiles.read(engine, state, file)) {
            while (batches.hasNext()) {
                FilteredColumnarBatch b = batches.next();
                ColumnarBatch data = b.getData();
                for (int row = 0; row < data.getSize(); row++) {
                    if (selected(b, row) && changedKeys.contains(keys.keyOfProjection(data, row))) {
                        return true;
                    }
                }
            }
            return false;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private FilteredColumnarBatch withoutChangedKeys(FilteredColumnarBatch b) {
        ColumnarBatch data = b.getData();
        boolean[] keep = new boolean[data.getSize()];
        for (int row = 0; row < keep.length; row++) {
            keep[row] = selected(b, row) && !changedKeys.contains(keys.key(data, row));
        }
        return new FilteredColumnarBatch(data, Optional.of(new Selection(keep)));
    }

    private static boolean selected(FilteredColumnarBatch b, int row) {
        return b.getSelectionVector().map(v -> !v.isNullAt(row) && v.getBoolean(row)).orElse(true);
    }

    @Override
    public long rows() {
        return changes;
    }

    @Override
    public long files() {
        return upserted.size() + rewritten.size();
    }

    @Override
    public long bytes() {
        return upserted.stream().mapToLong(DataFileStatus::getSize).sum() + rewritten.stream().mapToLong(DataFileStatus::getSize).sum();
    }
}
