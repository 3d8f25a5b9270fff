package io.deltabridge.k2d.delta;

import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.utils.CloseableIterator;
import io.deltabridge.core.delta.KernelIterators;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * no key duplicated. Candidate files are found from the partition values and statistics of the key columns
 * ({@link KeyColumns#candidateFilter}: Kernel's partition pruning and data skipping), then from the {@link KeyIndex}
 * kept across flushes, and only for the files it does not know yet by reading their key columns (which puts them in
 * it, as writing a file does). In a partitioned table a key's row may be in any partition whose values the key does not fix (an
 * update may move it): it is removed wherever it is and written into the partition of its new values.
 */
public final class CopyOnWriteChange implements TableChange {
    private static final Logger LOG = LoggerFactory.getLogger(CopyOnWriteChange.class);

    private final KeyColumns keys;
    private final KeyIndex index;
    private final Set<List<Object>> changedKeys;
    /** The sorted hashes of {@link #changedKeys}, for the index. */
    private final long[] changedHashes;

    private final long changes;
    private final Transaction transaction;
    private final List<PendingWrite.FileGroup> upserted;
    private long plannedVersion = -1;
    private List<Row> removes = List.of();
    private List<PendingWrite.FileGroup> rewritten = List.of();
    private FileReads reads = new FileReads();

    private CopyOnWriteChange(
            KeyColumns keys,
            KeyIndex index,
            Set<List<Object>> changedKeys,
            long changes,
            Transaction transaction,
            List<PendingWrite.FileGroup> upserted) {
        this.keys = keys;
        this.index = index;
        this.changedKeys = changedKeys;
        this.changedHashes = KeyIndex.hashes(changedKeys);
        this.changes = changes;
        this.transaction = transaction;
        this.upserted = upserted;
    }

    /**
     * Writes the upserted rows ({@code rows}, of the table's columns, where {@code upsert} is set) and plans the rewrite against
     * the appender's snapshot.
     *
     * @param index       the keys of the table's files known from earlier flushes; the files written are put in it
     * @param changedKeys every key upserted or deleted
     * @param changes     the changes applied (upserts and deletes, after the last change per key won)
     */
    public static CopyOnWriteChange prepare(
            DeltaAppender appender,
            KeyColumns keys,
            KeyIndex index,
            ColumnarBatch rows,
            boolean[] upsert,
            Set<List<Object>> changedKeys,
            long changes) {
        Engine engine = appender.engine();
        Transaction txn = appender.newTransaction(false);
        List<PendingWrite.FileGroup> upserted = TableFiles.writeByPartition(
                engine,
                txn,
                new FilteredColumnarBatch(
                        new AsTableSchema(rows, appender.schema()), Optional.of(new Selection(upsert))),
                new FileKeys(index, keys));
        CopyOnWriteChange change = new CopyOnWriteChange(keys, index, changedKeys, changes, txn, upserted);
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
            LOG.info(
                    "Table {} moved to version {} since the upsert was planned on {}: planning again",
                    base.getPath(),
                    base.getVersion(),
                    plannedVersion);
            plan(engine, txn, base);
        }
        List<PendingWrite.FileGroup> added = new ArrayList<>(upserted);
        added.addAll(rewritten);
        List<Row> actions = new ArrayList<>(removes);
        try (CloseableIterator<Row> adds = new PendingWrite(txn, added, 0).actions(engine, txn, base)) {
            adds.forEachRemaining(actions::add);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return KernelIterators.of(actions);
    }

    /** Finds the files of {@code base} holding a changed key; writes their other rows; removes them. */
    private void plan(Engine engine, Transaction txn, Snapshot base) {
        long started = System.nanoTime();
        // the files an earlier plan rewrote are never committed
        rewritten.forEach(group -> group.files().forEach(file -> index.forget(file.getPath())));
        reads = new FileReads();
        List<Row> touched = touchedFiles(engine, base);
        Scan all = base.getScanBuilder().build();
        Row state = all.getScanState(engine);
        // a file holds rows of one partition: each partition's remaining rows are written again together
        Map<Map<String, String>, List<Row>> byPartition = new LinkedHashMap<>();
        touched.forEach(file -> byPartition
                .computeIfAbsent(InternalScanFileUtils.getPartitionValues(file), p -> new ArrayList<>())
                .add(file));
        FileKeys kept = new FileKeys(index, keys);
        List<PendingWrite.FileGroup> written = new ArrayList<>();
        for (List<Row> files : byPartition.values()) {
            written.add(kept.indexWritten(TableFiles.write(
                    engine,
                    txn,
                    TableFiles.partitionValues(files.get(0), base.getSchema(), base.getPartitionColumnNames()),
                    KernelIterators.of(files)
                            .flatMap(file ->
                                    TableFiles.read(engine, state, file).map(b -> withoutChangedKeys(b, kept))))));
        }
        rewritten = written;
        long now = System.currentTimeMillis();
        List<Row> planned = new ArrayList<>();
        for (Row file : touched) {
            AddFile add = new AddFile(file.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL));
            planned.add(SingleAction.createRemoveFileSingleAction(add.toRemoveFileRow(true, Optional.of(now))));
            index.forget(indexEntry(file)); // removed by this commit
        }
        removes = planned;
        plannedVersion = base.getVersion();
        LOG.info(
                "Upsert of {} keys into {} planned on version {} in {} ms: {}; {} files rewritten into {}; "
                        + "key index {} files, {} KiB",
                changedKeys.size(),
                base.getPath(),
                plannedVersion,
                (System.nanoTime() - started) / 1_000_000,
                reads,
                touched.size(),
                count(rewritten),
                index.files(),
                index.bytes() / 1024);
    }

    private List<Row> touchedFiles(Engine engine, Snapshot base) {
        Scan scan = candidates(base, keys, changedKeys);
        Row state = scan.getScanState(engine);
        List<Row> touched = new ArrayList<>();
        TableFiles.forEachFile(engine, scan, file -> {
            String entry = indexEntry(file);
            Boolean holds = index.mayHoldAny(entry, changedHashes);
            if (holds == null) {
                holds = holdsChangedKey(engine, state, file, entry);
                reads.countRead(InternalScanFileUtils.getAddFileStatus(file).getSize());
            } else {
                reads.countAnswered();
            }
            if (holds) {
                touched.add(file);
            }
        });
        return touched;
    }

    /** A scan of the key columns of the files of {@code base} that may hold one of {@code changedKeys} (pruned, not read). */
    static Scan candidates(Snapshot base, KeyColumns keys, Set<List<Object>> changedKeys) {
        ScanBuilder builder = base.getScanBuilder().withReadSchema(keys.schema(base.getSchema()));
        Optional<Predicate> filter = keys.candidateFilter(changedKeys, base.getPartitionColumnNames());
        return (filter.isPresent() ? builder.withFilter(filter.get()) : builder).build();
    }

    /**
     * A scan file's name in the index: its path, with its deletion vector's id when it has one. The rows read are those
     * the vector leaves, and another vector of the same file may leave more (RESTORE brings back an older one).
     */
    private static String indexEntry(Row file) {
        String path = InternalScanFileUtils.getAddFileStatus(file).getPath();
        return new AddFile(file.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL))
                .getDeletionVector()
                .map(dv -> path + "#" + dv.getUniqueId())
                .orElse(path);
    }

    /** Reads the key columns of a file the index does not know, puts them in it, and finds a changed key there. */
    private boolean holdsChangedKey(Engine engine, Row state, Row file, String entry) {
        FileKeys held = new FileKeys(index, keys);
        boolean holds = false;
        try (CloseableIterator<FilteredColumnarBatch> batches = TableFiles.read(engine, state, file)) {
            while (batches.hasNext()) {
                FilteredColumnarBatch b = batches.next();
                ColumnarBatch data = b.getData();
                for (int row = 0; row < data.getSize(); row++) {
                    if (Selection.selected(b, row)) {
                        List<Object> key = keys.keyOfProjection(data, row);
                        held.add(key);
                        holds |= changedKeys.contains(key);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        held.indexRead(entry);
        return holds;
    }

    /** The rows of {@code b} whose key is not changed, their keys recorded in {@code kept}. */
    private FilteredColumnarBatch withoutChangedKeys(FilteredColumnarBatch b, FileKeys kept) {
        ColumnarBatch data = b.getData();
        boolean[] keep = new boolean[data.getSize()];
        for (int row = 0; row < keep.length; row++) {
            if (Selection.selected(b, row)) {
                List<Object> key = keys.key(data, row);
                keep[row] = !changedKeys.contains(key);
                if (keep[row]) {
                    kept.add(key);
                }
            }
        }
        return new FilteredColumnarBatch(data, Optional.of(new Selection(keep)));
    }

    /** What the last plan read to find the files holding a changed key. */
    FileReads reads() {
        return reads;
    }

    @Override
    public long rows() {
        return changes;
    }

    @Override
    public long files() {
        return count(upserted) + count(rewritten);
    }

    @Override
    public long bytes() {
        return new PendingWrite(transaction, upserted, 0).bytes() + new PendingWrite(transaction, rewritten, 0).bytes();
    }

    private static long count(List<PendingWrite.FileGroup> groups) {
        return groups.stream().mapToLong(g -> g.files().size()).sum();
    }
}
