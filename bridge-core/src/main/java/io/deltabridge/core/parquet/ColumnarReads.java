package io.deltabridge.core.parquet;

import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.engine.ParquetHandler;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * The columnar read path: primitive columns, and arrays and maps of them (plus Kernel's row-index column), decoded
 * from the column chunks straight into vectors, without parquet-mr's record assembly; other nested columns of the same
 * read come from Kernel's default reader beside them. Reads it does not take (switched off, a predicate to prune row
 * groups with, no primitive column, other metadata columns) go to Kernel's default reader, as do files whose Parquet
 * types it does not know.
 */
final class ColumnarReads {
    /** {@code -Ddeltabridge.parquet.columnar=false} sends every read to Kernel's default reader. */
    static final String ENABLED_PROPERTY = "deltabridge.parquet.columnar";

    /** Kernel's own setting for the rows per batch, honoured the same way (Kernel's default 1024). */
    static final String BATCH_SIZE = "delta.kernel.default.parquet.reader.batch-size";

    private final Configuration conf;
    private final int batchSize;
    private final ParquetHandler kernelDefault;

    ColumnarReads(Configuration conf, ParquetHandler kernelDefault) {
        this.conf = conf;
        this.batchSize = conf.getInt(BATCH_SIZE, 1024);
        this.kernelDefault = kernelDefault;
    }

    static boolean enabled() {
        return !"false"
                .equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "true").trim());
    }

    /** Whether this read goes the columnar way (an invalid batch size is left to Kernel to report). */
    boolean takes(StructType schema, Optional<Predicate> predicate) {
        return enabled() && predicate.isEmpty() && batchSize > 0 && ColumnPlan.supports(schema);
    }

    CloseableIterator<FileReadResult> read(CloseableIterator<FileStatus> files, StructType schema) {
        return new ColumnarFileResults(files, schema, conf, batchSize, kernelDefault);
    }
}
