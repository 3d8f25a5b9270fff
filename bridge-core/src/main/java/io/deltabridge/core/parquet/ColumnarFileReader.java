package io.deltabridge.core.parquet;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.defaults.internal.data.DefaultColumnarBatch;
import io.delta.kernel.engine.ParquetHandler;
import io.delta.kernel.exceptions.KernelEngineException;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;

/**
 * The batches of one Parquet file, row group after row group: each batch holds up to the batch size of rows and may
 * span row groups, as the batches of Kernel's default reader do; each column's decoder fills its vector (nested
 * columns other than arrays and maps of primitives: Kernel's reader, {@link NestedColumns}).
 */
final class ColumnarFileReader implements CloseableIterator<ColumnarBatch> {
    private final FileStatus file;
    private final ParquetFileReader parquet;
    private final ColumnPlan plan;
    private final StructType schema;
    private final int batchSize;
    private final String createdBy;
    private long rowsLeft;
    private long rowGroupRowsLeft;
    private long nextRowGroupFirstRow;
    private PageReadStore rowGroup;

    private ColumnarFileReader(
            FileStatus file, ParquetFileReader parquet, ColumnPlan plan, StructType schema, int batchSize) {
        this.file = file;
        this.parquet = parquet;
        this.plan = plan;
        this.schema = schema;
        this.batchSize = batchSize;
        this.createdBy = parquet.getFooter().getFileMetaData().getCreatedBy();
        this.rowsLeft = parquet.getRecordCount();
        parquet.setRequestedSchema(plan.requested);
    }

    /** The reader of {@code file}, or empty (the file closed again) if its columns need Kernel's default reader. */
    static Optional<ColumnarFileReader> open(
            FileStatus file, StructType schema, Configuration conf, int batchSize, ParquetHandler kernelDefault) {
        ParquetFileReader parquet = null;
        try {
            // Kernel's reader reads through plain streams; parquet-mr's default, Hadoop's vectored reads (asynchronous
            // on local files), once left a whole build waiting 300 s for a range of a 2.5 KB file that never came
            parquet = ParquetFileReader.open(
                    inputFile(file, conf),
                    HadoopReadOptions.builder(conf)
                            .withUseHadoopVectoredIo(false)
                            .build());
            Optional<ColumnPlan> plan = ColumnPlan.of(
                    schema, parquet.getFooter().getFileMetaData().getSchema(), new NestedColumns(kernelDefault, file));
            if (plan.isEmpty()) {
                parquet.close();
                return Optional.empty();
            }
            return Optional.of(new ColumnarFileReader(file, parquet, plan.get(), schema, batchSize));
        } catch (IOException | RuntimeException e) {
            if (parquet != null) {
                try {
                    parquet.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw failure(file, e);
        }
    }

    /** With the size Kernel passes, opening the file costs no extra status call (a HEAD request on object stores). */
    private static InputFile inputFile(FileStatus file, Configuration conf) throws IOException {
        Path path = new Path(file.getPath());
        if (file.getSize() <= 0) {
            return HadoopInputFile.fromPath(path, conf);
        }
        return HadoopInputFile.fromStatus(
                new org.apache.hadoop.fs.FileStatus(file.getSize(), false, 1, 0, file.getModificationTime(), path),
                conf);
    }

    @Override
    public boolean hasNext() {
        return rowsLeft > 0;
    }

    @Override
    public ColumnarBatch next() {
        if (rowsLeft <= 0) {
            throw new NoSuchElementException();
        }
        int rows = (int) Math.min(batchSize, rowsLeft);
        for (ColumnDecoder d : plan.decoders) {
            d.startBatch(rows);
        }
        try {
            for (int filled = 0; filled < rows; ) {
                if (rowGroupRowsLeft == 0) {
                    nextRowGroup();
                }
                int count = (int) Math.min(rows - filled, rowGroupRowsLeft);
                for (ColumnDecoder d : plan.decoders) {
                    d.read(filled, count);
                }
                filled += count;
                rowGroupRowsLeft -= count;
            }
        } catch (IOException | RuntimeException e) {
            throw failure(file, e);
        }
        rowsLeft -= rows;
        if (!plan.nested.isEmpty()) {
            plan.nested.next(rows);
        }
        ColumnVector[] vectors = new ColumnVector[plan.decoders.size()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = plan.decoders.get(i).vector(rows);
        }
        return new DefaultColumnarBatch(rows, schema, vectors);
    }

    private void nextRowGroup() throws IOException {
        closeRowGroup();
        rowGroup = parquet.readNextRowGroup();
        if (rowGroup == null) {
            throw new IOException("the file ends before the " + rowsLeft + " rows its footer counts");
        }
        long firstRow = rowGroup.getRowIndexOffset().orElse(nextRowGroupFirstRow);
        ColumnReadStoreImpl columns = new ColumnReadStoreImpl(rowGroup, plan.converter, plan.requested, createdBy);
        for (ColumnDecoder d : plan.decoders) {
            d.startRowGroup(columns, firstRow);
        }
        rowGroupRowsLeft = rowGroup.getRowCount();
        nextRowGroupFirstRow = firstRow + rowGroupRowsLeft;
    }

    private void closeRowGroup() {
        if (rowGroup != null) {
            rowGroup.close();
            rowGroup = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeRowGroup();
        try (plan.nested) {
            parquet.close();
        }
    }

    /** Failures name the file, as Kernel's default reader does. */
    private static KernelEngineException failure(FileStatus file, Exception cause) {
        return new KernelEngineException("Error reading Parquet file: " + file.getPath(), cause);
    }
}
