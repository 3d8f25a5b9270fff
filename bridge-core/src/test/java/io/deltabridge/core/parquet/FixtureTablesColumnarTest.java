package io.deltabridge.core.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.defaults.engine.hadoopio.HadoopFileIO;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.FileStatus;
import io.deltabridge.core.delta.KernelIterators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Every data and change-data file of the golden Spark-written fixture tables (bridge-testkit's
 * {@code fixtures/delta}) read through the columnar path and through Kernel's default reader: the same batches and
 * values. Each file is read with the table's primitive columns and with all its columns (arrays and maps of
 * primitives read column-wise, other nested ones from Kernel's reader beside them), plus the row index and, for change-data files, {@code _change_type}
 * (the columnar path must take every file: no fallback); partition columns and columns added later are missing
 * from some files. Once more through the bridge's handler, as the change feed reads them.
 */
class FixtureTablesColumnarTest {
    /** The fixtures as bridge-testkit ships them (this module cannot depend on bridge-testkit). */
    private static final Path FIXTURES =
            Path.of("..", "bridge-testkit", "src", "main", "resources", "fixtures", "delta");

    @Test
    void everyFixtureFileReadsTheSameThroughBothPaths() throws IOException {
        List<Path> tables;
        try (Stream<Path> scenarios = Files.list(FIXTURES)) {
            tables = scenarios
                    .map(s -> s.resolve("table"))
                    .filter(Files::isDirectory)
                    .sorted()
                    .toList();
        }
        assertTrue(tables.size() >= 7, "fixture tables in " + FIXTURES.toAbsolutePath() + ": " + tables);
        int files = 0;
        long rows = 0;
        for (Path table : tables) {
            StructType schema = TableManager.loadSnapshot(table.toUri().toString())
                    .build(DefaultEngine.create(new Configuration()))
                    .getSchema();
            for (FileStatus file : dataFiles(table)) {
                boolean changeData = file.getPath().contains("/_change_data/");
                StructType full = changeData ? schema.add("_change_type", StringType.STRING) : schema;
                StructType flat = primitiveColumns(full).add(StructField.DEFAULT_ROW_INDEX_COLUMN);
                for (int batchSize : new int[] {8192, 3}) {
                    Configuration conf = ParquetReads.conf(batchSize);
                    for (StructType read : List.of(flat, full.add(StructField.DEFAULT_ROW_INDEX_COLUMN))) {
                        ParquetReads.Outcome columnar = ParquetReads.columnar(conf, List.of(file), read);
                        assertEquals(ParquetReads.kernel(conf, List.of(file), read), columnar, file.getPath());
                        rows += columnar.rows().size();
                    }
                    ColumnarParquetHandler bridge =
                            new ColumnarParquetHandler(ParquetReads.kernelDefault(conf), conf, new HadoopFileIO(conf));
                    assertEquals(
                            ParquetReads.kernel(conf, List.of(file), full),
                            ParquetReads.collect(
                                    bridge.readParquetFiles(KernelIterators.single(file), full, Optional.empty())),
                            file.getPath());
                }
                files++;
            }
        }
        assertTrue(files >= 60 && rows > 0, files + " files, " + rows + " rows");
    }

    private static List<FileStatus> dataFiles(Path table) throws IOException {
        try (Stream<Path> all = Files.walk(table)) {
            return all.filter(p -> p.toString().endsWith(".parquet"))
                    .filter(p -> !p.toString().contains("_delta_log"))
                    .sorted()
                    .map(p -> FileStatus.of(p.toUri().toString(), size(p), 0L))
                    .toList();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static StructType primitiveColumns(StructType schema) {
        StructType flat = new StructType();
        for (StructField f : schema.fields()) {
            if (!(f.getDataType() instanceof StructType
                    || f.getDataType() instanceof ArrayType
                    || f.getDataType() instanceof MapType)) {
                flat = flat.add(f);
            }
        }
        return flat;
    }
}
