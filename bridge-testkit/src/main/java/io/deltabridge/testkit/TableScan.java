package io.deltabridge.testkit;

import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.deltabridge.core.delta.KernelIterators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads every live row of a Delta table's snapshot with Delta Kernel, as any reader would: files of the snapshot,
 * logical columns (partition values, column mapping) and deletion vectors applied. The one read loop of the tests
 * that check what a table holds.
 */
public final class TableScan {
    /** Receives one live row: its batch and its index in the batch. */
    @FunctionalInterface
    public interface RowVisitor {
        void visit(ColumnarBatch batch, int row);
    }

    private TableScan() {}

    /** Visits each live row of {@code snapshot}, with only {@code columns} read (every column when empty). */
    public static void forEachRow(Engine engine, Snapshot snapshot, Optional<StructType> columns, RowVisitor visitor) {
        ScanBuilder builder = snapshot.getScanBuilder();
        Scan scan = columns.map(builder::withReadSchema).orElse(builder).build();
        Row state = scan.getScanState(engine);
        StructType physical = ScanStateRow.getPhysicalDataReadSchema(state);
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> fileRows = files.next().getRows()) {
                    while (fileRows.hasNext()) {
                        Row file = fileRows.next();
                        CloseableIterator<ColumnarBatch> data = engine.getParquetHandler()
                                .readParquetFiles(
                                        KernelIterators.single(InternalScanFileUtils.getAddFileStatus(file)),
                                        physical,
                                        Optional.empty())
                                .map(r -> r.getData());
                        try (CloseableIterator<FilteredColumnarBatch> logical =
                                Scan.transformPhysicalData(engine, state, file, data)) {
                            logical.forEachRemaining(batch -> visitLive(batch, visitor));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void visitLive(FilteredColumnarBatch batch, RowVisitor visitor) {
        ColumnarBatch data = batch.getData();
        for (int r = 0; r < data.getSize(); r++) {
            int row = r;
            if (!batch.getSelectionVector()
                    .map(v -> v.isNullAt(row) || !v.getBoolean(row))
                    .orElse(false)) {
                visitor.visit(data, r);
            }
        }
    }
}
