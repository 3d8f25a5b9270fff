package io.deltabridge.core.parquet;

import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.engine.ParquetHandler;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * The bridge's Parquet handler: Kernel's default handler, with room for columnar read and write paths that take
 * over the shapes they support and leave every other shape to the default. Reads: {@link ColumnarReads}.
 */
public final class ColumnarParquetHandler implements ParquetHandler {
    private final ParquetHandler kernelDefault;
    private final ColumnarReads columnarReads;
    private final ColumnarWrite columnarWrite;

    public ColumnarParquetHandler(ParquetHandler kernelDefault, Configuration hadoopConf, FileIO io) {
        this.kernelDefault = kernelDefault;
        this.columnarReads = new ColumnarReads(hadoopConf, kernelDefault);
        this.columnarWrite = new ColumnarWrite(io, kernelDefault);
    }

    @Override
    public CloseableIterator<FileReadResult> readParquetFiles(
            CloseableIterator<FileStatus> files, StructType physicalSchema, Optional<Predicate> predicate)
            throws IOException {
        if (columnarReads.takes(physicalSchema, predicate)) {
            return columnarReads.read(files, physicalSchema);
        }
        return kernelDefault.readParquetFiles(files, physicalSchema, predicate);
    }

    @Override
    public CloseableIterator<DataFileStatus> writeParquetFiles(
            String directory, CloseableIterator<FilteredColumnarBatch> data, List<Column> statsColumns)
            throws IOException {
        return columnarWrite.write(directory, data, statsColumns);
    }

    @Override
    public void writeParquetFileAtomically(String filePath, CloseableIterator<FilteredColumnarBatch> data)
            throws IOException {
        kernelDefault.writeParquetFileAtomically(filePath, data);
    }
}
