package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import io.deltabridge.core.delta.KernelIterators;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/** Writes batches with Kernel's Parquet writer and reads them back with Kernel's reader. */
public final class KernelFiles {
    private static final Engine ENGINE = DefaultEngine.create(new Configuration());

    private KernelFiles() {}

    public static List<DataFileStatus> write(Path dir, List<ColumnarBatch> batches, List<Column> statsColumns)
            throws IOException {
        List<FilteredColumnarBatch> filtered = new ArrayList<>();
        batches.forEach(b -> filtered.add(new FilteredColumnarBatch(b, Optional.empty())));
        List<DataFileStatus> files = new ArrayList<>();
        try (CloseableIterator<DataFileStatus> it = ENGINE.getParquetHandler()
                .writeParquetFiles(dir.toUri().toString(), KernelIterators.of(filtered), statsColumns)) {
            it.forEachRemaining(files::add);
        }
        return files;
    }

    /** Every batch Kernel reads from the files; the caller consumes them before the next call. */
    public static List<ColumnarBatch> read(List<? extends FileStatus> files, StructType schema) throws IOException {
        List<ColumnarBatch> out = new ArrayList<>();
        try (CloseableIterator<FileReadResult> it = ENGINE.getParquetHandler()
                .readParquetFiles(KernelIterators.of(new ArrayList<FileStatus>(files)), schema, Optional.empty())) {
            it.forEachRemaining(r -> out.add(r.getData()));
        }
        return out;
    }
}
