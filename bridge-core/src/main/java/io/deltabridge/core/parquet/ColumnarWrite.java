package io.deltabridge.core.parquet;

import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.engine.ParquetHandler;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.schema.MessageType;

/**
 * Chooses the writer of a {@code writeParquetFiles} call: the columnar one for batches of top-level primitive columns,
 * arrays and maps of primitives (what the bridge's topics mostly give, {@code _lineage} included), Kernel's default for
 * structs, nested collections and any other
 * schema or when {@code -Ddeltabridge.parquet.columnar-write=false} turns the columnar writer off.
 */
public final class ColumnarWrite {
    /** System property that turns the columnar writer off when {@code false}. */
    public static final String PROPERTY = "deltabridge.parquet.columnar-write";

    private final FileIO io;
    private final ParquetHandler kernelDefault;

    ColumnarWrite(FileIO io, ParquetHandler kernelDefault) {
        this.io = io;
        this.kernelDefault = kernelDefault;
    }

    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    CloseableIterator<DataFileStatus> write(
            String directory, CloseableIterator<FilteredColumnarBatch> data, List<Column> statsColumns)
            throws IOException {
        if (!enabled() || !data.hasNext()) {
            return kernelDefault.writeParquetFiles(directory, data, statsColumns);
        }
        // the schema comes with the first batch
        FilteredColumnarBatch first = data.next();
        CloseableIterator<FilteredColumnarBatch> all =
                Utils.singletonCloseableIterator(first).combine(data);
        StructType schema = first.getData().getSchema();
        Optional<MessageType> columnar = ColumnarSchema.of(schema);
        return columnar.isPresent()
                ? new ColumnarParquetWriter(io, directory, all, schema, columnar.get(), statsColumns)
                : kernelDefault.writeParquetFiles(directory, all, statsColumns);
    }
}
