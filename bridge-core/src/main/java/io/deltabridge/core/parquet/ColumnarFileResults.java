package io.deltabridge.core.parquet;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.engine.ParquetHandler;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.deltabridge.core.delta.KernelIterators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * The batches of a sequence of files, each file read columnar or, if its columns need it, by Kernel's default
 * reader; each batch is given with its file's path.
 */
final class ColumnarFileResults implements CloseableIterator<FileReadResult> {
    private final CloseableIterator<FileStatus> files;
    private final StructType schema;
    private final Configuration conf;
    private final int batchSize;
    private final ParquetHandler kernelDefault;
    private CloseableIterator<ColumnarBatch> current;
    private String currentPath;

    ColumnarFileResults(
            CloseableIterator<FileStatus> files,
            StructType schema,
            Configuration conf,
            int batchSize,
            ParquetHandler kernelDefault) {
        this.files = files;
        this.schema = schema;
        this.conf = conf;
        this.batchSize = batchSize;
        this.kernelDefault = kernelDefault;
    }

    @Override
    public boolean hasNext() {
        while (current == null || !current.hasNext()) {
            closeCurrent();
            if (!files.hasNext()) {
                return false;
            }
            FileStatus file = files.next();
            current = open(file);
            currentPath = file.getPath();
        }
        return true;
    }

    private CloseableIterator<ColumnarBatch> open(FileStatus file) {
        Optional<ColumnarFileReader> columnar = ColumnarFileReader.open(file, schema, conf, batchSize, kernelDefault);
        if (columnar.isPresent()) {
            return columnar.get();
        }
        return kernelBatches(kernelDefault, file, schema);
    }

    /** The batches of Kernel's default reader for one file. */
    static CloseableIterator<ColumnarBatch> kernelBatches(
            ParquetHandler kernelDefault, FileStatus file, StructType schema) {
        try {
            return kernelDefault
                    .readParquetFiles(KernelIterators.single(file), schema, Optional.empty())
                    .map(FileReadResult::getData);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.getPath(), e);
        }
    }

    @Override
    public FileReadResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return new FileReadResult(current.next(), currentPath);
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot close " + currentPath, e);
            } finally {
                current = null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            closeCurrent();
        } finally {
            files.close();
        }
    }
}
