package io.deltabridge.core.parquet;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.MessageType;

/**
 * One Parquet file written column by column: each run of rows goes into parquet-mr's column writers one column after
 * the other, and row groups are cut as parquet-mr's own record writer cuts them (by buffered size and row count).
 */
final class ColumnarFile implements AutoCloseable {
    /** Name of the writer in the footer (Kernel's writer puts its own there). */
    static final String WRITER_NAME = "deltabridge-columnar-parquet-writer";

    private final KernelOutputFile out;
    private final ParquetFileWriter file;
    private final MessageType schema;
    private final ParquetSettings settings;
    private final ParquetProperties props;
    private final BytesInputCompressor compressor;
    private final ColumnFeed[] feeds;
    private final ColumnDescriptor[] descriptors;
    /** Rows a run writes before the row group size is checked: parquet-mr checks no more often. */
    private final int run;

    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore columns;
    private ColumnWriter[] writers;
    private int rowGroupOrdinal;
    private long rowGroupRows;
    private long fileRows;
    private long rowCountForNextMemCheck;
    private long nextRowGroupSize;
    private long lastRowGroupEndPos;

    ColumnarFile(
            KernelOutputFile out,
            StructType dataSchema,
            MessageType schema,
            ParquetSettings settings,
            BytesInputCompressor compressor)
            throws IOException {
        this.out = out;
        this.schema = schema;
        this.settings = settings;
        this.props = settings.properties();
        this.compressor = compressor;
        List<StructField> fields = dataSchema.fields();
        this.feeds = new ColumnFeed[fields.size()];
        this.descriptors = schema.getColumns().toArray(new ColumnDescriptor[0]);
        int leaf = 0;
        for (int c = 0; c < feeds.length; c++) {
            feeds[c] = ColumnFeed.of(fields.get(c), leaf);
            leaf += feeds[c].leaves();
        }
        this.run = props.getMinRowCountForPageSizeCheck();
        this.rowCountForNextMemCheck = run;
        this.nextRowGroupSize = settings.rowGroupSize();
        this.file = new ParquetFileWriter(
                out,
                schema,
                ParquetFileWriter.Mode.CREATE,
                settings.rowGroupSize(),
                settings.maxPaddingSize(),
                null,
                props);
        file.start();
        startRowGroup();
    }

    /**
     * Writes rows {@code rows[from, to)} of the batch's {@code vectors} (schema order) and returns where it stopped:
     * {@code to}, or earlier, at the end of a run, once the file has reached {@code targetSize} bytes.
     */
    int write(ColumnVector[] vectors, int[] rows, int from, int to, long targetSize) throws IOException {
        int next = from;
        while (next < to && dataSize() < targetSize) {
            int end = Math.min(to, next + run);
            for (int c = 0; c < feeds.length; c++) {
                feeds[c].write(vectors[c], rows, next, end, writers);
            }
            for (int i = next; i < end; i++) {
                columns.endRecord();
            }
            rowGroupRows += end - next;
            fileRows += end - next;
            next = end;
            checkRowGroupSize();
        }
        return next;
    }

    /** Bytes written to the file plus those buffered for the open row group, as {@link ParquetWriter#getDataSize()}. */
    long dataSize() {
        return lastRowGroupEndPos + columns.getBufferedSize();
    }

    long rows() {
        return fileRows;
    }

    @Override
    public void close() throws IOException {
        flushRowGroup();
        out.keepTail();
        file.end(Map.of(ParquetWriter.OBJECT_MODEL_NAME_PROP, WRITER_NAME));
    }

    /** The end of the closed file as written: its footer, indexes and length. */
    WrittenTail tail() {
        return out.tail();
    }

    /** Gives up the file after a failed write: its stream is closed without a footer (the file is never committed). */
    void abandon() throws IOException {
        file.close();
    }

    private void startRowGroup() {
        pages = new ColumnChunkPageWriteStore(
                compressor,
                schema,
                props.getAllocator(),
                props.getColumnIndexTruncateLength(),
                props.getPageWriteChecksumEnabled(),
                null,
                rowGroupOrdinal);
        columns = props.newColumnWriteStore(schema, pages, pages);
        writers = new ColumnWriter[descriptors.length];
        for (int c = 0; c < descriptors.length; c++) {
            writers[c] = columns.getColumnWriter(descriptors[c]);
        }
    }

    /** parquet-mr's InternalParquetRecordWriter rule: cut the row group by row count, or when about 2 rows short of its size. */
    private void checkRowGroupSize() throws IOException {
        if (rowGroupRows >= props.getRowGroupRowCountLimit()) {
            nextRowGroup();
        } else if (rowGroupRows >= rowCountForNextMemCheck) {
            long memSize = columns.getBufferedSize();
            long recordSize = memSize / rowGroupRows;
            if (memSize > nextRowGroupSize - 2 * recordSize) {
                nextRowGroup();
            } else {
                rowCountForNextMemCheck = Math.min(
                        Math.max(
                                props.getMinRowCountForPageSizeCheck(),
                                (rowGroupRows + (long) (nextRowGroupSize / (float) recordSize)) / 2),
                        rowGroupRows + props.getMaxRowCountForPageSizeCheck());
            }
        }
    }

    private void nextRowGroup() throws IOException {
        long rows = rowGroupRows;
        flushRowGroup();
        startRowGroup();
        rowCountForNextMemCheck = Math.min(
                Math.max(props.getMinRowCountForPageSizeCheck(), rows / 2), props.getMaxRowCountForPageSizeCheck());
        lastRowGroupEndPos = file.getPos();
    }

    private void flushRowGroup() throws IOException {
        try {
            if (rowGroupRows > 0) {
                rowGroupOrdinal++;
                file.startBlock(rowGroupRows);
                columns.flush();
                pages.flushToFileWriter(file);
                rowGroupRows = 0;
                file.endBlock();
                nextRowGroupSize = Math.min(file.getNextRowGroupSize(), settings.rowGroupSize());
            }
        } finally {
            columns.close();
            pages.close();
        }
    }
}
