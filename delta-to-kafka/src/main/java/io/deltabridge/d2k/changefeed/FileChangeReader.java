package io.deltabridge.d2k.changefeed;

import io.delta.kernel.Scan;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.types.MetadataColumnSpec;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.deltabridge.core.delta.KernelIterators;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Streams the change rows of one {@link FileRead}, batch by batch as Parquet is read.
 *
 * <p>Parquet is read with the physical schema of the version (so extra physical columns some
 * writers leave in data files are never selected) plus, for cdc files, {@code _change_type},
 * which is taken out before {@link Scan#transformPhysicalData} (it re-attaches partition values
 * and maps column-mapped names) and kept as the batch's change types. Deletion vectors are applied
 * here, from the row index column, so that a vector diff selects the right rows.
 */
final class FileChangeReader implements Closeable {
    static final String CHANGE_TYPE_COLUMN = "_change_type";

    private final FileRead read;
    private final long version;
    private final long commitTimestamp;
    private final VersionState state;
    private final OrdinalCursor ordinals;
    private final RowIndexSet rowsIn;
    private final RowIndexSet rowsNotIn;
    private final int changeTypeOrdinal;
    private final int rowIndexOrdinal;
    private final boolean rowIndexAdded;
    private final CloseableIterator<FilteredColumnarBatch> logicalBatches;

    // what the physical-batch filter found for the batch transformPhysicalData is converting
    private int[] pendingRows;
    private int pendingCount;
    private long pendingFirstOrdinal;
    private RowChangeTypes pendingTypes;

    FileChangeReader(
            Engine engine,
            VersionState state,
            FileRead read,
            long version,
            long commitTimestamp,
            OrdinalCursor ordinals) {
        this.read = read;
        this.version = version;
        this.commitTimestamp = commitTimestamp;
        this.state = state;
        this.ordinals = ordinals;
        this.rowsIn = read.rowsIn() == null ? null : read.rowsIn().load(engine, state.tableRoot());
        this.rowsNotIn = read.rowsNotIn() == null ? null : read.rowsNotIn().load(engine, state.tableRoot());

        StructType readSchema = state.physicalSchema();
        int rowIndex = rowIndexOrdinal(readSchema);
        this.rowIndexAdded = read.needsRowIndexes() && rowIndex < 0;
        if (rowIndexAdded) {
            readSchema = readSchema.add(StructField.DEFAULT_ROW_INDEX_COLUMN);
            rowIndex = readSchema.length() - 1;
        }
        this.rowIndexOrdinal = rowIndex;
        if (read.isCdc()) {
            readSchema = readSchema.add(CHANGE_TYPE_COLUMN, StringType.STRING);
            this.changeTypeOrdinal = readSchema.length() - 1;
        } else {
            this.changeTypeOrdinal = -1;
        }

        String path =
                KernelInternals.absolutePath(state.tableRoot(), read.file().path());
        CloseableIterator<ColumnarBatch> physical = openParquet(engine, path, readSchema);
        try {
            this.logicalBatches = Scan.transformPhysicalData(
                    engine,
                    state.scanState(),
                    KernelInternals.scanFileRow(state.tableRoot(), read.file()),
                    new SelectedBatches(physical));
        } catch (IOException e) {
            closeQuietly(physical, e);
            throw new UncheckedIOException(e);
        }
    }

    private long fileSize(Engine engine, String path) throws IOException {
        long size = read.file().size();
        return size > 0
                ? size
                : engine.getFileSystemClient().getFileStatus(path).getSize();
    }

    private CloseableIterator<ColumnarBatch> openParquet(Engine engine, String path, StructType readSchema) {
        try {
            FileStatus file = FileStatus.of(path, fileSize(engine, path), 0L);
            CloseableIterator<FileReadResult> results = engine.getParquetHandler()
                    .readParquetFiles(KernelIterators.single(file), readSchema, Optional.empty());
            return results.map(FileReadResult::getData);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    private static void closeQuietly(CloseableIterator<?> iterator, Exception failure) {
        try {
            iterator.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** The next batch with change rows of this file, or null when the file is done. */
    ChangeBatch next() {
        if (!logicalBatches.hasNext()) {
            return null;
        }
        ColumnarBatch data = logicalBatches.next().getData();
        return new ChangeBatch(
                version,
                commitTimestamp,
                state.schema(),
                data,
                pendingRows,
                pendingCount,
                pendingFirstOrdinal,
                pendingTypes,
                false);
    }

    @Override
    public void close() throws IOException {
        logicalBatches.close();
    }

    private static int rowIndexOrdinal(StructType schema) {
        for (int i = 0; i < schema.length(); i++) {
            StructField f = schema.at(i);
            if (f.isMetadataColumn() && f.getMetadataColumnSpec() == MetadataColumnSpec.ROW_INDEX) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The physical batches that hold change rows still to publish, with the columns only this
     * reader needs taken out; records each batch's selection for {@link #next()}.
     */
    private final class SelectedBatches implements CloseableIterator<ColumnarBatch> {
        private final CloseableIterator<ColumnarBatch> physical;
        private ColumnarBatch ready;

        SelectedBatches(CloseableIterator<ColumnarBatch> physical) {
            this.physical = physical;
        }

        @Override
        public boolean hasNext() {
            while (ready == null && physical.hasNext()) {
                ready = select(physical.next());
            }
            return ready != null;
        }

        @Override
        public ColumnarBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ColumnarBatch batch = ready;
            ready = null;
            return batch;
        }

        @Override
        public void close() throws IOException {
            physical.close();
        }

        /** Computes the change rows of a physical batch; null when none is left to publish. */
        private ColumnarBatch select(ColumnarBatch batch) {
            int size = batch.getSize();
            int[] rows = new int[size];
            int count = 0;
            if (read.needsRowIndexes()) {
                ColumnVector rowIndexes = batch.getColumnVector(rowIndexOrdinal);
                for (int i = 0; i < size; i++) {
                    long rowIndex = rowIndexes.getLong(i);
                    if ((rowsIn == null || rowsIn.contains(rowIndex))
                            && (rowsNotIn == null || !rowsNotIn.contains(rowIndex))) {
                        rows[count++] = i;
                    }
                }
            } else {
                for (int i = 0; i < size; i++) {
                    rows[count++] = i;
                }
            }
            int skipped = ordinals.take(count);
            if (skipped == count) {
                return null;
            }
            if (skipped > 0) {
                System.arraycopy(rows, skipped, rows, 0, count - skipped);
            }
            pendingRows = rows;
            pendingCount = count - skipped;
            pendingFirstOrdinal = ordinals.next() - pendingCount;
            pendingTypes = read.isCdc()
                    ? changeTypes(batch.getColumnVector(changeTypeOrdinal), size)
                    : RowChangeTypes.constant(read.changeType());

            ColumnarBatch stripped = batch;
            if (changeTypeOrdinal >= 0) {
                stripped = stripped.withDeletedColumnAt(changeTypeOrdinal);
            }
            if (rowIndexAdded) {
                stripped = stripped.withDeletedColumnAt(rowIndexOrdinal);
            }
            return stripped;
        }
    }

    private RowChangeTypes changeTypes(ColumnVector vector, int size) {
        ChangeType[] types = new ChangeType[size];
        for (int i = 0; i < size; i++) {
            if (vector.isNullAt(i)) {
                throw new IllegalStateException("cdc file " + read.file().path() + " of version " + version
                        + " has a row without " + CHANGE_TYPE_COLUMN);
            }
            types[i] = ChangeType.fromSparkName(vector.getString(i));
        }
        return rowId -> types[rowId];
    }

    @Override
    public String toString() {
        return "FileChangeReader[" + read + "]";
    }
}
