package io.deltabridge.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.testkit.TableScan;
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
        List<Row> rows = new ArrayList<>();
        TableScan.forEachRow(
                engine,
                TableManager.loadSnapshot(uri).build(engine),
                Optional.of(COLUMNS),
                (data, r) -> rows.add(new Row(
                        data.getColumnVector(0).getLong(r),
                        data.getColumnVector(1).getInt(r),
                        data.getColumnVector(2).getLong(r))));
        return new LandedRows(rows);
    }

    /**
     * Returns the number of rows; fails unless they hold ids {@code 0 .. goodRecords-1} once each,
     * listing the first missing and repeated ids.
     */
    long assertEveryIdOnce(long goodRecords) {
        Map<Long, List<LandedRows.Row>> byId =
                rows.stream().collect(Collectors.groupingBy(LandedRows.Row::id, TreeMap::new, Collectors.toList()));
        List<Long> missing = new ArrayList<>();
        for (long id = 0; id < goodRecords && missing.size() < 20; id++) {
            if (!byId.containsKey(id)) {
                missing.add(id);
            }
        }
        List<String> repeated = byId.values().stream()
                .filter(same -> same.size() > 1)
                .limit(20)
                .map(Object::toString)
                .toList();
        assertTrue(
                missing.isEmpty() && repeated.isEmpty(),
                rows.size() + " rows for " + goodRecords + " good records; first missing ids " + missing
                        + "; first repeated " + repeated);
        assertEquals(goodRecords, rows.size(), "rows outside the ids produced");
        return rows.size();
    }
}
