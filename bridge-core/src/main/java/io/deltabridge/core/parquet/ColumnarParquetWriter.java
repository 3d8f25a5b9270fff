package io.deltabridge.core.parquet;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.defaults.internal.parquet.ParquetStatsReader;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.schema.MessageType;

/**
 * Writes batches of one flat schema into Parquet files of a directory column by column, with the names, sizes and
 * {@link DataFileStatus} (statistics read from the footer by Kernel's own reader) of Kernel's default writer:
 * one file per {@link #next()}, a new one once a file reaches the target size.
 */
final class ColumnarParquetWriter implements CloseableIterator<DataFileStatus> {
    private final FileIO io;
    private final String directory;
    private final CloseableIterator<FilteredColumnarBatch> batches;
    private final StructType dataSchema;
    private final MessageType parquetSchema;
    private final List<Column> statsColumns;
    private final ParquetSettings settings;
    private final CodecFactory codecs;

    private int fileNumber;
    private DataFileStatus written;
    private ColumnVector[] vectors;
    /** The rows of the current batch to write (its selected rows), and how many of them are written. */
    private int[] rows = new int[0];

    private int rowCount;
    private int cursor;

    ColumnarParquetWriter(
            FileIO io,
            String directory,
            CloseableIterator<FilteredColumnarBatch> batches,
            StructType dataSchema,
            MessageType parquetSchema,
            List<Column> statsColumns) {
        this.io = io;
        this.directory = directory;
        this.batches = batches;
        this.dataSchema = dataSchema;
        this.parquetSchema = parquetSchema;
        this.statsColumns = statsColumns;
        this.settings = ParquetSettings.from(io);
        this.codecs =
                new CodecFactory(new Configuration(false), settings.properties().getPageSizeThreshold());
    }

    @Override
    public boolean hasNext() {
        if (written == null && hasNextBatch()) {
            written = writeFile();
        }
        return written != null;
    }

    @Override
    public DataFileStatus next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        DataFileStatus file = written;
        written = null;
        return file;
    }

    @Override
    public void close() throws IOException {
        codecs.release();
        batches.close();
    }

    /** Whether rows remain: those of the current batch, or a next batch that is not empty. */
    private boolean hasNextBatch() {
        while (cursor >= rowCount || vectors == null) {
            if (!batches.hasNext()) {
                return false;
            }
            FilteredColumnarBatch batch = batches.next();
            if (batch.getData().getSize() > 0) {
                take(batch);
                // as Kernel: a batch with rows starts a file even when none of them is selected
                return true;
            }
        }
        return true;
    }

    private void take(FilteredColumnarBatch batch) {
        ColumnarBatch data = batch.getData();
        if (!data.getSchema().equals(dataSchema)) {
            throw new IllegalArgumentException("Input data has columnar batches with different schemas:\n schema 1: "
                    + dataSchema + "\n schema 2: " + data.getSchema());
        }
        vectors = new ColumnVector[dataSchema.length()];
        for (int c = 0; c < vectors.length; c++) {
            vectors[c] = data.getColumnVector(c);
        }
        int size = data.getSize();
        if (rows.length < size) {
            rows = new int[size];
        }
        Optional<ColumnVector> selection = batch.getSelectionVector();
        rowCount = 0;
        for (int row = 0; row < size; row++) {
            if (selection.isEmpty()
                    || (!selection.get().isNullAt(row) && selection.get().getBoolean(row))) {
                rows[rowCount++] = row;
            }
        }
        cursor = 0;
    }

    private DataFileStatus writeFile() {
        String path = new io.delta.kernel.internal.fs.Path(
                        directory, String.format("%s-%03d.parquet", UUID.randomUUID(), fileNumber++))
                .toString();
        ColumnarFile file;
        try {
            file = new ColumnarFile(
                    new KernelOutputFile(io.newOutputFile(path)),
                    dataSchema,
                    parquetSchema,
                    settings,
                    codecs.getCompressor(settings.codec()));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the Parquet file: " + path, e);
        }
        try {
            do {
                cursor = file.write(vectors, rows, cursor, rowCount, settings.targetFileSize());
            } while (file.dataSize() < settings.targetFileSize() && (cursor < rowCount || nextBatchWithRows()));
            file.close();
        } catch (IOException | RuntimeException e) {
            abandon(file, e);
            throw e instanceof IOException ioe
                    ? new UncheckedIOException("Failed to write the Parquet file: " + path, ioe)
                    : (RuntimeException) e;
        }
        return status(path, file.rows(), file.tail());
    }

    private boolean nextBatchWithRows() {
        vectors = null;
        return hasNextBatch();
    }

    private static void abandon(ColumnarFile file, Exception cause) {
        try {
            file.abandon();
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * The file's status as Kernel's writer gives it: size and time from storage, statistics from the footer by
     * Kernel's reader, which reads it from the end of the file as written ({@code tail}), not from storage.
     */
    private DataFileStatus status(String path, long records, WrittenTail tail) {
        try {
            FileStatus stored = io.getFileStatus(path);
            String resolved = io.resolvePath(path);
            DataFileStatistics stats = statsColumns.isEmpty()
                    ? new DataFileStatistics(records, Map.of(), Map.of(), Map.of(), Optional.empty())
                    : ParquetStatsReader.readDataFileStatistics(tail, dataSchema, statsColumns);
            return new DataFileStatus(
                    resolved, stored.getSize(), stored.getModificationTime(), Optional.ofNullable(stats));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the stats for: " + path, e);
        }
    }
}
