package io.deltabridge.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.Scan;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.delta.KernelIterators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The rows a kafka → delta table holds, read back with Delta Kernel: each row's {@code id} and the
 * lineage columns that say which record it came from.
 */
record LandedRows(List<Row> rows) {
    record Row(long id, int partition, long offset) {}

    private static final StructType COLUMNS = new StructType()
            .add("id", LongType.LONG, false)
            .add("_kafka_partition", IntegerType.INTEGER, true)
            .add("_kafka_offset", LongType.LONG, true);

    static LandedRows read(Path table) {
        return read(table.toUri().toString(), Map.of());
    }

    /** The rows of the table at {@code uri}, with these storage settings (the mapping file's {@code delta:}). */
    static LandedRows read(String uri, Map<String, String> storage) {
        Engine engine = DeltaEngines.create(storage);
        Scan scan = TableManager.loadSnapshot(uri).build(engine)
                .getScanBuilder().withReadSchema(COLUMNS).build();
        io.delta.kernel.data.Row state = scan.getScanState(engine);
        StructType physical = ScanStateRow.getPhysicalDataReadSchema(state);
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<io.delta.kernel.data.Row> fileRows = files.next().getRows()) {
                    while (fileRows.hasNext()) {
                        io.delta.kernel.data.Row file = fileRows.next();
                        CloseableIterator<ColumnarBatch> data = engine.getParquetHandler().readParquetFiles(
                                KernelIterators.single(InternalScanFileUtils.getAddFileStatus(file)), physical,
                                Optional.empty()).map(r -> r.getData());
                        try (CloseableIterator<FilteredColumnarBatch> logical = Scan.transformPhysicalData(engine, state, file, data)) {
                            logical.forEachRemaining(b -> add(b, rows));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LandedRows(rows);
    }

    /**
     * Returns the number of rows; fails unless they hold ids {@code 0 .. goodRecords-1} once each,
     * listing the first missing and repeated ids.
     */
    long assertEveryIdOnce(long goodRecords) {
        Map<Long, List<LandedRows.Row>> byId = rows.stream()
                .collect(Collectors.groupingBy(LandedRows.Row::id, TreeMap::new, Collectors.toList()));
        List<Long> missing = new ArrayList<>();
        for (long id = 0; id < goodRecords && missing.size() < 20; id++) {
            if (!byId.containsKey(id)) {
                missing.add(id);
            }
        }
        List<String> repeated = byId.values().stream().filter(same -> same.size() > 1).limit(20)
                .map(Object::toString).toList();
        assertTrue(missing.isEmpty() && repeated.isEmpty(), rows.size() + " rows for " + goodRecords
                + " good records; first missing ids " + missing + "; first repeated " + repeated);
        assertEquals(goodRecords, rows.size(), "rows outside the ids produced");
        return rows.size();
    }

    private static void add(FilteredColumnarBatch batch, List<Row> out) {
        ColumnarBatch data = batch.getData();
        for (int r = 0; r < data.getSize(); r++) {
            int row = r;
            if (batch.getSelectionVector().map(v -> v.isNullAt(row) || !v.getBoolean(row)).orElse(false)) {
                continue;
            }
            out.add(new Row(data.getColumnVector(0).getLong(r), data.getColumnVector(1).getInt(r),
                    data.getColumnVector(2).getLong(r)));
        }
    }
}
