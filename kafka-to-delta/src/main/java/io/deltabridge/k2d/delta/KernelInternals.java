package io.deltabridge.k2d.delta;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.ScanImpl;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.internal.deletionvectors.Base85Codec;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Delta Kernel internals ({@code io.delta.kernel.internal}, Kernel 4.4.0) the upserts build their actions with,
 * all in this one class so that a Kernel upgrade touches one place: Kernel's public API makes {@code add} actions for
 * new files only, so the {@code remove} of a rewritten file and the {@code add} of an existing file with a new deletion
 * vector (merge-on-read) are made from Kernel's internal action classes, as are the deletion vector's descriptor and
 * its file name (Z85 of a UUID).
 */
final class KernelInternals {
    static final String DELETION_VECTORS_FEATURE = "deletionVectors";
    static final String ENABLE_DELETION_VECTORS = "delta.enableDeletionVectors";
    /** Deletion vector stored in a file of the table's directory named after a UUID. */
    private static final String UUID_STORAGE = "u";

    private KernelInternals() {}

    /**
     * Whether upserts into {@code base} mark deleted rows in deletion vectors: the table property on and the feature in the
     * protocol, the rule Spark's MERGE / UPDATE / DELETE follow.
     */
    static boolean deletionVectorsEnabled(Snapshot base) {
        boolean property =
                Boolean.parseBoolean(base.getTableProperties().getOrDefault(ENABLE_DELETION_VECTORS, "false"));
        return property && base.getProtocol().getWriterFeatures().contains(DELETION_VECTORS_FEATURE);
    }

    /** The scan files of {@code scan} with their statistics (an {@code add} with a new deletion vector keeps them). */
    static CloseableIterator<FilteredColumnarBatch> scanFilesWithStats(Engine engine, Scan scan) {
        return ((ScanImpl) scan).getScanFiles(engine, true);
    }

    /**
     * A scan file's name in the key index: its path, with its deletion vector's id when it has one. The rows read are
     * those the vector leaves, and another vector of the same file may leave more (RESTORE brings back an older one).
     */
    static String indexEntry(Row scanFile) {
        return indexEntry(
                InternalScanFileUtils.getAddFileStatus(scanFile).getPath(),
                add(scanFile).getDeletionVector());
    }

    private static String indexEntry(String absolutePath, Optional<DeletionVectorDescriptor> dv) {
        return dv.map(d -> absolutePath + "#" + d.getUniqueId()).orElse(absolutePath);
    }

    /** The action removing a scan file (with its deletion vector, if any) from the table. */
    static Row remove(Row scanFile, long now) {
        return SingleAction.createRemoveFileSingleAction(add(scanFile).toRemoveFileRow(true, Optional.of(now)));
    }

    /** A random name of a deletion vector file. */
    static StoredVectors newVectorFile(String tablePath) {
        String z85 = Base85Codec.encodeUUID(UUID.randomUUID());
        String path = new DeletionVectorDescriptor(UUID_STORAGE, z85, Optional.of(1), 0, 0).getAbsolutePath(tablePath);
        return new StoredVectors(z85, path);
    }

    /** A deletion vector file: its name in descriptors and its absolute path. */
    record StoredVectors(String z85Uuid, String absolutePath) {}

    /**
     * The {@code add} of the scan file's data file again, with the deletion vector at {@code offset} of {@code file}
     * ({@code sizeInBytes} bytes, {@code cardinality} rows deleted) instead of its own; its statistics kept, marked not
     * tight (min / max may belong to deleted rows), as Spark does. {@code physicalRows}: the file's rows, for a file
     * whose add had no statistics.
     */
    static Added addWithVector(
            Row scanFile,
            StructType schema,
            StoredVectors file,
            int offset,
            int sizeInBytes,
            long cardinality,
            long physicalRows) {
        AddFile add = add(scanFile);
        DeletionVectorDescriptor dv = new DeletionVectorDescriptor(
                UUID_STORAGE, file.z85Uuid(), Optional.of(offset), sizeInBytes, cardinality);
        DataFileStatistics stats = add.getStats(schema)
                .map(DataFileStatistics::withoutTightBounds)
                .orElseGet(
                        () -> new DataFileStatistics(physicalRows, Map.of(), Map.of(), Map.of(), Optional.of(false)));
        Row row = AddFile.createAddFileRow(
                schema,
                add.getPath(),
                add.getPartitionValues(),
                add.getSize(),
                add.getModificationTime(),
                true,
                Optional.of(dv),
                add.getTags(),
                add.getBaseRowId(),
                add.getDefaultRowCommitVersion(),
                Optional.of(stats));
        String entry =
                indexEntry(InternalScanFileUtils.getAddFileStatus(scanFile).getPath(), Optional.of(dv));
        return new Added(SingleAction.createAddFileSingleAction(row), entry);
    }

    /** An {@code add} action and the name of its file in the key index. */
    record Added(Row action, String indexEntry) {}

    private static AddFile add(Row scanFile) {
        return new AddFile(scanFile.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL));
    }
}
