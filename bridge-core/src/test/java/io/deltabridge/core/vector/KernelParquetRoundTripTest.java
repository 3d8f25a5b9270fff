package io.deltabridge.core.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.utils.DataFileStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kernel's Parquet writer accepts built batches, and Kernel's reader gives the same values back. */
class KernelParquetRoundTripTest {

    @Test
    void everyTypeSurvivesKernelParquetWriteAndRead(@TempDir Path dir) throws Exception {
        BatchBuilder b = new BatchBuilder(AllTypes.SCHEMA);
        List<List<Object>> rows = AllTypes.rows();
        rows.forEach(r -> TestValues.appendRow(b, r));
        // statistics make the writer read every primitive column through the vector API too
        List<Column> stats = new ArrayList<>();
        for (String name : List.of(
                "id",
                "c_tinyint",
                "c_smallint",
                "c_int",
                "c_bigint",
                "c_float",
                "c_double",
                "c_decimal_10_2",
                "c_decimal_38_18",
                "c_string",
                "c_date",
                "c_timestamp",
                "c_timestamp_ntz")) {
            stats.add(new Column(name));
        }
        List<DataFileStatus> files = KernelFiles.write(dir, List.of(b.build()), stats);
        assertEquals(1, files.size());
        assertTrue(files.get(0).getStatistics().isPresent());

        List<List<Object>> read = new ArrayList<>();
        for (ColumnarBatch batch : KernelFiles.read(files, AllTypes.SCHEMA)) {
            read.addAll(TestValues.rows(batch));
        }
        assertEquals(rows, read);
    }
}
