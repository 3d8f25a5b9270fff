package io.deltabridge.k2d.delta;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.MetadataColumnSpec;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Merge-on-read: the rows of the changed keys in the files holding them are marked deleted in deletion vectors
 * instead of the files' other rows being written again. Per file its key columns and Parquet row indexes are read; the
 * rows of a changed key, with the rows its current vector already deletes, become its new vector; all the vectors of
 * one flush go into one new file. The actions are, per file, the {@code remove} of the file with its old vector and the
 * {@code add} of the same file with the new one (a file left with no row is only removed).
 */
final class MergeOnRead {
    /** The row index column read beside the key columns (Kernel fills it from the Parquet reader's position). */
    private static final StructField ROW_INDEX =
            StructField.createMetadataColumn("_row_index", MetadataColumnSpec.ROW_INDEX);

    private final KeyColumns keys;
    private final KeyIndex index;
    private final Set<List<Object>> changedKeys;

    MergeOnRead(KeyColumns keys, KeyIndex index, Set<List<Object>> changedKeys) {
        this.keys = keys;
        this.index = index;
        this.changedKeys = changedKeys;
    }

    /** What marking the rows took: the actions to commit, the deletion vector file's bytes (0: none written). */
    record Marked(List<Row> actions, long bytes, long files) {}

    /** Marks the changed keys' rows of {@code touched} (scan files of {@code base} with statistics) deleted. */
    Marked mark(Engine engine, Snapshot base, List<Row> touched) {
        StructType read = keys.schema(base.getSchema()).add(ROW_INDEX); // the row index after the key columns
        Scan scan = base.getScanBuilder().withReadSchema(read).build();
        Row state = scan.getScanState(engine);
        KernelInternals.StoredVectors stored = KernelInternals.newVectorFile(base.getPath());
        DeletionVectorFile file = new DeletionVectorFile();
        long now = System.currentTimeMillis();
        List<Row> actions = new ArrayList<>();
        for (Row scanFile : touched) {
            FileKeys kept = new FileKeys(index, keys);
            Rows rows = deletedRows(engine, state, scanFile, kept);
            if (!rows.changed) {
                kept.indexRead(KernelInternals.indexEntry(scanFile)); // a false positive of the index: nothing to do
                continue;
            }
            index.forget(KernelInternals.indexEntry(scanFile));
            actions.add(KernelInternals.remove(scanFile, now));
            if (rows.deleted.length == rows.physical) {
                continue; // no row left: the file goes
            }
            byte[] vector = DeletionVectorFile.vector(rows.deleted);
            KernelInternals.Added add = KernelInternals.addWithVector(
                    scanFile,
                    base.getSchema(),
                    stored,
                    file.add(vector),
                    vector.length,
                    rows.deleted.length,
                    rows.physical);
            actions.add(add.action());
            kept.indexRead(add.indexEntry());
        }
        if (file.isEmpty()) {
            return new Marked(actions, 0, 0);
        }
        return new Marked(actions, file.write(engine, stored.absolutePath()), 1);
    }

    /** The row indexes of a data file that its new vector deletes, its physical rows, whether a changed key is there. */
    private record Rows(long[] deleted, long physical, boolean changed) {}

    /** Reads the key columns and row indexes of a file; the keys of the rows that stay go into {@code kept}. */
    private Rows deletedRows(Engine engine, Row state, Row scanFile, FileKeys kept) {
        int rowIndex = keys.names().size();
        long[] deleted = new long[64];
        int count = 0;
        long physical = 0;
        boolean changed = false;
        try (CloseableIterator<FilteredColumnarBatch> batches = TableFiles.read(engine, state, scanFile)) {
            while (batches.hasNext()) {
                FilteredColumnarBatch b = batches.next();
                ColumnarBatch data = b.getData();
                physical += data.getSize();
                for (int row = 0; row < data.getSize(); row++) {
                    boolean delete = !Selection.selected(b, row); // deleted already
                    if (!delete) {
                        List<Object> key = keys.keyOfProjection(data, row);
                        delete = changedKeys.contains(key);
                        changed |= delete;
                        if (!delete) {
                            kept.add(key);
                        }
                    }
                    if (delete) {
                        if (count == deleted.length) {
                            deleted = Arrays.copyOf(deleted, count * 2);
                        }
                        deleted[count++] = data.getColumnVector(rowIndex).getLong(row);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Rows(Arrays.copyOf(deleted, count), physical, changed);
    }
}
