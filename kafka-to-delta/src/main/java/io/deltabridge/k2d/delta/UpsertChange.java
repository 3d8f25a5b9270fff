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
 * A flush of {@code mode: upsert}: the rows upserted are written as new files once; the rows of the changed keys in
 * the files holding them go, in the same commit: copy-on-write (the files are removed and their other rows written
 * again), or merge-on-read when the table has deletion vectors enabled ({@link MergeOnRead}: the rows are marked
 * deleted in the files' deletion vectors). Which files those are depends on the snapshot the commit lands on, so the
 * plan is made against the snapshot of each commit attempt: a file another writer removed, added or gave a deletion
 * vector meanwhile (OPTIMIZE, a second instance, a Spark job) is seen, and no update is lost, no delete resurrected,
 * no key duplicated. Candidate files are found from the partition values and statistics of the key columns
 * ({@link KeyColumns#candidateFilter}: Kernel's partition pruning and data skipping), then from the {@link KeyIndex}
 * kept across flushes, and only for the files it does not know yet by reading their key columns (which puts them in
 * it, as writing a file does). In a partitioned table a key's row may be in any partition whose values the key does not fix (an
 * update may move it): it is removed wherever it is and written into the partition of its new values.
 */
public final class UpsertChange implements TableChange {
    private static final Logger LOG = LoggerFactory.getLogger(UpsertChange.class);

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
    /** Deletion vector files the last plan wrote (merge-on-read), and their bytes. */
    private long vectorFiles;

    private long vectorBytes;

    private UpsertChange(
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
    public static UpsertChange prepare(
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
        UpsertChange change = new UpsertChange(keys, index, changedKeys, changes, txn, upserted);
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

    /** Finds the files of {@code base} holding a changed key and plans the removal of their rows of those keys. */
    private void plan(Engine engine, Transaction txn, Snapshot base) {
        long started = System.nanoTime();
        // the files an earlier plan rewrote are never committed
        rewritten.forEach(group -> group.files().forEach(file -> index.forget(file.getPath())));
        reads = new FileReads();
        List<Row> touched = touchedFiles(engine, base);
        boolean mergeOnRead = KernelInternals.deletionVectorsEnabled(base);
        if (mergeOnRead) {
            MergeOnRead.Marked marked = new MergeOnRead(keys, index, changedKeys).mark(engine, base, touched);
            rewritten = List.of();
            removes = marked.actions();
            vectorFiles = marked.files();
            vectorBytes = marked.bytes();
        } else {
            rewritten = rewrite(engine, txn, base, touched);
            removes = removals(touched);
        }
        plannedVersion = base.getVersion();
        LOG.info(
                "Upsert of {} keys into {} planned on version {} in {} ms: {}; {} files {}; key index {} files, {} KiB",
                changedKeys.size(),
                base.getPath(),
                plannedVersion,
                (System.nanoTime() - started) / 1_000_000,
                reads,
                touched.size(),
                mergeOnRead
                        ? "given deletion vectors (" + vectorBytes + " bytes)"
                        : "rewritten into " + count(rewritten),
                index.files(),
                index.bytes() / 1024);
    }

    /** Copy-on-write: the rows of {@code touched} whose key is not changed, written again (each partition's together). */
    private List<PendingWrite.FileGroup> rewrite(Engine engine, Transaction txn, Snapshot base, List<Row> touched) {
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
        vectorFiles = 0;
        vectorBytes = 0;
        return written;
    }

    /** The removes of {@code touched}, which leave the index (removed by this commit). */
    private List<Row> removals(List<Row> touched) {
        long now = System.currentTimeMillis();
        List<Row> planned = new ArrayList<>();
        for (Row file : touched) {
            planned.add(KernelInternals.remove(file, now));
            index.forget(KernelInternals.indexEntry(file));
        }
        return planned;
    }

    private List<Row> touchedFiles(Engine engine, Snapshot base) {
        Scan scan = candidates(base, keys, changedKeys);
        Row state = scan.getScanState(engine);
        List<Row> touched = new ArrayList<>();
        TableFiles.forEachFile(KernelInternals.scanFilesWithStats(engine, scan), file -> {
            String entry = KernelInternals.indexEntry(file);
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

    /** Data files and deletion vector files added. */
    @Override
    public long files() {
        return count(upserted) + count(rewritten) + vectorFiles;
    }

    /** Bytes of the data files and deletion vector files added. */
    @Override
    public long bytes() {
        return new PendingWrite(transaction, upserted, 0).bytes()
                + new PendingWrite(transaction, rewritten, 0).bytes()
                + vectorBytes;
    }

    private static long count(List<PendingWrite.FileGroup> groups) {
        return groups.stream().mapToLong(g -> g.files().size()).sum();
    }
}
