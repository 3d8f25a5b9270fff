package io.deltabridge.embedded;

import io.delta.kernel.CommitActions;
import io.delta.kernel.CommitRangeBuilder.CommitBoundary;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.DeltaLogActionUtils.DeltaAction;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.deltabridge.core.delta.KernelIterators;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads an insights table back the way a Kernel-based reader does, independently of InsightsTable's own code. */
final class KernelReads {
    private KernelReads() {}

    /** A change row read from a cdc file. */
    record Change(String changeType, InsightsRow row) {}

    /** All rows of the snapshot: scan files, Parquet read, Scan.transformPhysicalData. */
    static List<InsightsRow> scan(Engine engine, Snapshot snapshot) throws Exception {
        Scan scan = snapshot.getScanBuilder().build();
        Row scanState = scan.getScanState(engine);
        List<InsightsRow> rows = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> scanFiles = files.next().getRows()) {
                    while (scanFiles.hasNext()) {
                        Row scanFile = scanFiles.next();
                        FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
                        CloseableIterator<ColumnarBatch> data = engine.getParquetHandler()
                                .readParquetFiles(
                                        KernelIterators.single(status), InsightsTable.SCHEMA, Optional.empty())
                                .map(FileReadResult::getData);
                        try (CloseableIterator<FilteredColumnarBatch> logical =
                                Scan.transformPhysicalData(engine, scanState, scanFile, data)) {
                            while (logical.hasNext()) {
                                try (CloseableIterator<Row> it = logical.next().getRows()) {
                                    it.forEachRemaining(r -> rows.add(toRow(r)));
                                }
                            }
                        }
                    }
                }
            }
        }
        return rows;
    }

    /** The cdc files of {@code version} as Kernel's CommitRange lists them, read with _change_type. */
    static List<Change> changes(Engine engine, String table, long version) throws Exception {
        Snapshot start = TableManager.loadSnapshot(table).atVersion(version).build(engine);
        var range = TableManager.loadCommitRange(table, CommitBoundary.atVersion(version))
                .withEndBoundary(CommitBoundary.atVersion(version))
                .build(engine);
        List<FileStatus> cdcFiles = new ArrayList<>();
        String root = start.getPath() + "/";
        try (CloseableIterator<CommitActions> commits =
                range.getCommitActions(engine, start, Set.of(DeltaAction.CDC))) {
            while (commits.hasNext()) {
                try (CommitActions commit = commits.next();
                        CloseableIterator<ColumnarBatch> actions = commit.getActions()) {
                    while (actions.hasNext()) {
                        ColumnarBatch batch = actions.next();
                        int ordinal = batch.getSchema().indexOf("cdc");
                        ColumnVector cdc = batch.getColumnVector(ordinal);
                        var fields = ((io.delta.kernel.types.StructType)
                                batch.getSchema().at(ordinal).getDataType());
                        ColumnVector path = cdc.getChild(fields.indexOf("path"));
                        ColumnVector size = cdc.getChild(fields.indexOf("size"));
                        for (int i = 0; i < batch.getSize(); i++) {
                            if (!cdc.isNullAt(i)) {
                                cdcFiles.add(FileStatus.of(
                                        URI.create(root)
                                                .resolve(path.getString(i))
                                                .toString(),
                                        size.getLong(i),
                                        0));
                            }
                        }
                    }
                }
            }
        }
        List<Change> changes = new ArrayList<>();
        for (FileStatus status : cdcFiles) {
            try (CloseableIterator<FileReadResult> results = engine.getParquetHandler()
                    .readParquetFiles(KernelIterators.single(status), InsightsColumns.CDC_SCHEMA, Optional.empty())) {
                while (results.hasNext()) {
                    ColumnarBatch batch = results.next().getData();
                    try (CloseableIterator<Row> rows = batch.getRows()) {
                        rows.forEachRemaining(r -> changes.add(new Change(r.getString(12), toRow(r))));
                    }
                }
            }
        }
        return changes;
    }

    static InsightsRow toRow(Row r) {
        ArrayValue f = r.getArray(6);
        List<Double> features = new ArrayList<>();
        for (int i = 0; i < f.getSize(); i++) {
            features.add(f.getElements().getDouble(i));
        }
        MapValue m = r.getMap(7);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < m.getSize(); i++) {
            attributes.put(m.getKeys().getString(i), m.getValues().getString(i));
        }
        return new InsightsRow(
                r.getLong(0),
                r.getString(1),
                r.getString(2),
                r.getDouble(3),
                r.getDecimal(4),
                InsightsRow.microsToInstant(r.getLong(5)),
                features,
                attributes,
                r.getString(8),
                r.getInt(9),
                r.getBoolean(10),
                r.getInt(11));
    }
}
