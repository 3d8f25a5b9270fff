package io.deltabridge.connect;

import io.delta.kernel.Scan;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.delta.KernelIterators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code id} column of every row of a Delta table, read back with Delta Kernel (tests only). */
final class TableIds {
    private static final StructType ID = new StructType().add("id", LongType.LONG, false);

    private TableIds() {}

    static List<Long> read(String tableUri) {
        Engine engine = DeltaEngines.create(Map.of());
        Scan scan = TableManager.loadSnapshot(tableUri).build(engine).getScanBuilder().withReadSchema(ID).build();
        Row state = scan.getScanState(engine);
        StructType physical = ScanStateRow.getPhysicalDataReadSchema(state);
        List<Long> ids = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> fileRows = files.next().getRows()) {
                    while (fileRows.hasNext()) {
                        Row file = fileRows.next();
                        CloseableIterator<ColumnarBatch> data = engine.getParquetHandler().readParquetFiles(
                                KernelIterators.single(InternalScanFileUtils.getAddFileStatus(file)), physical,
                                Optional.empty()).map(r -> r.getData());
                        try (CloseableIterator<FilteredColumnarBatch> batches =
                                Scan.transformPhysicalData(engine, state, file, data)) {
                            batches.forEachRemaining(b -> addIds(b, ids));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    private static void addIds(FilteredColumnarBatch batch, List<Long> ids) {
        ColumnVector id = batch.getData().getColumnVector(0);
        for (int i = 0; i < batch.getData().getSize(); i++) {
            int row = i;
            if (!batch.getSelectionVector().map(v -> v.isNullAt(row) || !v.getBoolean(row)).orElse(false)) {
                ids.add(id.getLong(i));
            }
        }
    }
}
