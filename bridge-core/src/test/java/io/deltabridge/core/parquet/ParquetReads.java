package io.deltabridge.core.parquet;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultParquetHandler;
import io.delta.kernel.defaults.engine.hadoopio.HadoopFileIO;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.engine.ParquetHandler;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.deltabridge.core.delta.KernelIterators;
import io.deltabridge.core.vector.TestValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;

/**
 * Reads files through Kernel's default Parquet handler and through the columnar path, and turns what each gives into
 * comparable values: every batch's path and size, and every row's values ({@link TestValues#get}: floats by their
 * bits, decimals with their scale).
 */
final class ParquetReads {
    private ParquetReads() {}

    /** What one read gave: per batch its file and row count, then all rows in order. */
    record Outcome(List<String> batchFiles, List<Integer> batchSizes, List<List<Object>> rows) {}

    /** Writes {@code rows} rows, {@code row} filling row i, with parquet-mr into {@code file}: small pages, the given row groups. */
    static FileStatus write(
            java.nio.file.Path file,
            MessageType schema,
            int rows,
            boolean dictionary,
            int rowGroupBytes,
            BiFunction<Group, Integer, Group> row)
            throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(path)
                .withType(schema)
                .withDictionaryEncoding(dictionary)
                .withDictionaryPageSize(4096)
                .withPageSize(2048)
                .withRowGroupSize(rowGroupBytes)
                .build()) {
            for (int i = 0; i < rows; i++) {
                writer.write(row.apply(groups.newGroup(), i));
            }
        }
        return FileStatus.of(path.toString(), Files.size(file), 0L);
    }

    static Configuration conf(int batchSize) {
        Configuration conf = new Configuration();
        conf.setInt(ColumnarReads.BATCH_SIZE, batchSize);
        return conf;
    }

    static ParquetHandler kernelDefault(Configuration conf) {
        return new DefaultParquetHandler(new HadoopFileIO(conf));
    }

    /**
     * Reads through the columnar path: fails if the read or a file goes to Kernel's default reader, which may only
     * read the nested columns beside it.
     */
    static Outcome columnar(Configuration conf, List<FileStatus> files, StructType schema) {
        ColumnarReads reads = new ColumnarReads(conf, new NestedOnly(conf));
        if (!reads.takes(schema, Optional.empty())) {
            throw new AssertionError("the columnar path does not take " + schema);
        }
        return collect(reads.read(KernelIterators.of(files), schema));
    }

    static Outcome kernel(Configuration conf, List<FileStatus> files, StructType schema) {
        try {
            return collect(kernelDefault(conf).readParquetFiles(KernelIterators.of(files), schema, Optional.empty()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Outcome collect(CloseableIterator<FileReadResult> results) {
        List<String> files = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        try (results) {
            while (results.hasNext()) {
                FileReadResult result = results.next();
                ColumnarBatch batch = result.getData();
                files.add(result.getFilePath());
                sizes.add(batch.getSize());
                for (int r = 0; r < batch.getSize(); r++) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 0; c < batch.getSchema().length(); c++) {
                        row.add(TestValues.get(batch.getColumnVector(c), r));
                    }
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Outcome(files, sizes, rows);
    }

    /** Kernel's default handler for the reads of nested columns only: the fallback of a read that must stay columnar. */
    private static final class NestedOnly extends DefaultParquetHandler {
        NestedOnly(Configuration conf) {
            super(new HadoopFileIO(conf));
        }

        @Override
        public CloseableIterator<FileReadResult> readParquetFiles(
                CloseableIterator<FileStatus> files, StructType schema, Optional<Predicate> predicate)
                throws IOException {
            for (StructField f : schema.fields()) {
                DataType t = f.getDataType();
                if (!(t instanceof StructType || t instanceof ArrayType || t instanceof MapType)) {
                    throw new AssertionError("fell back to Kernel's reader for " + schema);
                }
            }
            return super.readParquetFiles(files, schema, predicate);
        }
    }
}
