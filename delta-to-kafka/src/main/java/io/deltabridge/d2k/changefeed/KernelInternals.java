package io.deltabridge.d2k.changefeed;

import io.delta.kernel.CommitActions;
import io.delta.kernel.CommitRange;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.DeltaHistoryManager;
import io.delta.kernel.internal.DeltaLogActionUtils.DeltaAction;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.CommitInfo;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.actions.Metadata;
import io.delta.kernel.internal.actions.RemoveFile;
import io.delta.kernel.internal.data.GenericRow;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.data.StructRow;
import io.delta.kernel.internal.deletionvectors.DeletionVectorUtils;
import io.delta.kernel.internal.deletionvectors.RoaringBitmapArray;
import io.delta.kernel.internal.fs.Path;
import io.delta.kernel.internal.util.VectorUtils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every use of Delta Kernel's {@code io.delta.kernel.internal.*} classes in deltabridge, so that a
 * Kernel upgrade touches this one class. Kernel Java has no change-data-feed reader; building one
 * needs the log action types, deletion vectors and scan-file rows that Kernel keeps internal.
 */
final class KernelInternals {
    private KernelInternals() {}

    /** What a change-feed read needs from each commit. */
    private static final Set<DeltaAction> CHANGE_FEED_ACTIONS = Set.of(
            DeltaAction.ADD,
            DeltaAction.REMOVE,
            DeltaAction.CDC,
            DeltaAction.METADATA,
            DeltaAction.PROTOCOL,
            DeltaAction.COMMITINFO);

    /** Operation metrics that prove a MERGE changed nothing (Spark's CDCReader.shouldSkipFileActionsInCommit). */
    private static final List<String> MERGE_CHANGE_METRICS =
            List.of("numTargetRowsInserted", "numTargetRowsUpdated", "numTargetRowsDeleted");

    /** The table id (metadata id) of a snapshot. */
    static String tableId(Snapshot snapshot) {
        return snapshot.getMetadata().getId();
    }

    /** The commits of a range with the actions a change-feed read needs; each commit's protocol is validated. */
    static CloseableIterator<CommitActions> changeFeedActions(Engine engine, CommitRange range) {
        return range.getCommitActions(engine, CHANGE_FEED_ACTIONS);
    }

    /** The commits of a range with their metaData actions only. */
    static CloseableIterator<CommitActions> metadataActions(Engine engine, CommitRange range) {
        return range.getCommitActions(engine, Set.of(DeltaAction.METADATA));
    }

    /**
     * The earliest version whose state can be rebuilt from the log: 0 while {@code 0.json} exists,
     * else the earliest complete checkpoint (log cleanup removed the commits before it).
     */
    static long earliestRecreatableVersion(Engine engine, String tableUri) {
        return DeltaHistoryManager.getEarliestRecreatableCommit(
                engine, new Path(tableUri, "_delta_log"), Optional.empty());
    }

    /** The metaData action of a row of commit actions, if it holds one: its schema and whether it enables the change data feed. */
    static Optional<MetadataChange> metadataChange(long version, ColumnarBatch actions, int rowId) {
        int ordinal = actions.getSchema().indexOf(DeltaAction.METADATA.colName);
        if (ordinal < 0) {
            return Optional.empty();
        }
        Metadata metadata = Metadata.fromColumnVector(actions.getColumnVector(ordinal), rowId);
        return metadata == null
                ? Optional.empty()
                : Optional.of(new MetadataChange(
                        version, ChangeFeedSupport.isEnabled(metadata.getConfiguration()), metadata.getSchema()));
    }

    /** The actions of one commit that decide its change rows, in log order. */
    static CommitContents readCommit(CommitActions commit) throws IOException {
        CommitContents contents = new CommitContents();
        try (CloseableIterator<ColumnarBatch> batches = commit.getActions()) {
            while (batches.hasNext()) {
                ColumnarBatch batch = batches.next();
                StructType schema = batch.getSchema();
                ColumnVector add = batch.getColumnVector(schema.indexOf(DeltaAction.ADD.colName));
                ColumnVector remove = batch.getColumnVector(schema.indexOf(DeltaAction.REMOVE.colName));
                ColumnVector cdc = batch.getColumnVector(schema.indexOf(DeltaAction.CDC.colName));
                ColumnVector metadata = batch.getColumnVector(schema.indexOf(DeltaAction.METADATA.colName));
                ColumnVector protocol = batch.getColumnVector(schema.indexOf(DeltaAction.PROTOCOL.colName));
                ColumnVector commitInfo = batch.getColumnVector(schema.indexOf(DeltaAction.COMMITINFO.colName));
                for (int row = 0; row < batch.getSize(); row++) {
                    if (!add.isNullAt(row)) {
                        AddFile a = new AddFile(StructRow.fromStructVector(add, row));
                        if (a.getDataChange()) {
                            contents.addOrRemove.add(new FileAction(
                                    FileAction.Kind.ADD,
                                    a.getPath(),
                                    VectorUtils.toJavaMap(a.getPartitionValues()),
                                    a.getSize(),
                                    a.getDeletionVector()
                                            .map(DeletionVector::new)
                                            .orElse(null),
                                    a.getNumRecords().orElse(-1L)));
                        }
                    } else if (!remove.isNullAt(row)) {
                        RemoveFile r = new RemoveFile(StructRow.fromStructVector(remove, row));
                        if (r.getDataChange()) {
                            contents.addOrRemove.add(new FileAction(
                                    FileAction.Kind.REMOVE,
                                    r.getPath(),
                                    r.getPartitionValues()
                                            .map(VectorUtils::<String, String>toJavaMap)
                                            .orElse(Map.of()),
                                    r.getSize().orElse(-1L),
                                    r.getDeletionVector()
                                            .map(DeletionVector::new)
                                            .orElse(null),
                                    r.getNumRecords().orElse(-1L)));
                        }
                    } else if (!cdc.isNullAt(row)) {
                        Row c = StructRow.fromStructVector(cdc, row);
                        StructType cs = c.getSchema();
                        contents.cdc.add(new FileAction(
                                FileAction.Kind.CDC,
                                c.getString(cs.indexOf("path")),
                                VectorUtils.toJavaMap(c.getMap(cs.indexOf("partitionValues"))),
                                c.getLong(cs.indexOf("size")),
                                null,
                                -1L));
                    } else if (!metadata.isNullAt(row)) {
                        Metadata m = Metadata.fromColumnVector(metadata, row);
                        contents.metadataChanged = true;
                        contents.changeDataFeedEnabled = ChangeFeedSupport.isEnabled(m.getConfiguration());
                    } else if (!protocol.isNullAt(row)) {
                        contents.protocolChanged = true;
                    } else if (!commitInfo.isNullAt(row)) {
                        CommitInfo ci = CommitInfo.fromColumnVector(commitInfo, row);
                        contents.noOpMerge = isNoOpMerge(ci);
                    }
                }
            }
        }
        return contents;
    }

    private static boolean isNoOpMerge(CommitInfo commitInfo) {
        Map<String, String> metrics = commitInfo.getOperationMetrics();
        return commitInfo.getOperation().map("MERGE"::equals).orElse(false)
                && MERGE_CHANGE_METRICS.stream().allMatch(m -> "0".equals(metrics.get(m)));
    }

    /** The physical schema to read data files with, from a scan state. */
    static StructType physicalReadSchema(Row scanState) {
        return ScanStateRow.getPhysicalDataReadSchema(scanState);
    }

    /** The table root of a scan state, as Kernel resolves data and deletion-vector paths against it. */
    static String tableRoot(Row scanState) {
        return ScanStateRow.getTableRoot(scanState).toString();
    }

    /** The absolute location of a file named in the log (relative paths are URI-encoded, relative to the table root). */
    static String absolutePath(String tableRoot, String path) {
        return new Path(new Path(URI.create(tableRoot)), new Path(URI.create(path))).toString();
    }

    /**
     * A scan-file row for {@code Scan.transformPhysicalData} with the file's partition values and
     * no deletion vector: the change-feed reader applies deletion vectors itself.
     */
    static Row scanFileRow(String tableRoot, FileAction file) {
        StructType scanFileSchema = InternalScanFileUtils.SCAN_FILE_SCHEMA;
        StructType addSchema = (StructType) scanFileSchema.get("add").getDataType();
        MapValue partitionValues = VectorUtils.stringStringMapValue(file.partitionValues());
        Row add = new GenericRow(
                addSchema,
                Map.of(
                        addSchema.indexOf("path"),
                        file.path(),
                        addSchema.indexOf("partitionValues"),
                        partitionValues,
                        addSchema.indexOf("size"),
                        Math.max(file.size(), 0L),
                        addSchema.indexOf("modificationTime"),
                        0L,
                        addSchema.indexOf("dataChange"),
                        true));
        return new GenericRow(
                scanFileSchema,
                Map.of(
                        scanFileSchema.indexOf("add"), add,
                        scanFileSchema.indexOf("tableRoot"), tableRoot));
    }

    /** A deletion vector named in the log; its row set is loaded on demand. */
    static final class DeletionVector {
        private final DeletionVectorDescriptor descriptor;

        private DeletionVector(DeletionVectorDescriptor descriptor) {
            this.descriptor = descriptor;
        }

        /** How many rows the vector marks as deleted. */
        long cardinality() {
            return descriptor.getCardinality();
        }

        /** Loads the row indexes the vector marks (reads the DV file unless inline). */
        RowIndexSet load(Engine engine, String tableRoot) {
            RoaringBitmapArray bitmap = DeletionVectorUtils.loadNewDvAndBitmap(engine, tableRoot, descriptor)._2;
            return bitmap::contains;
        }

        @Override
        public String toString() {
            return descriptor.getUniqueId();
        }
    }

    /** The change-relevant actions of one commit. */
    static final class CommitContents {
        final List<FileAction> cdc = new ArrayList<>();
        /** add and remove actions with dataChange=true, in log order. */
        final List<FileAction> addOrRemove = new ArrayList<>();

        boolean metadataChanged;
        boolean protocolChanged;
        boolean changeDataFeedEnabled;
        boolean noOpMerge;
    }
}
