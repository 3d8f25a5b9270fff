package io.deltabridge.k2d;

import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.engine.ParquetHandler;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import io.deltabridge.k2d.delta.ForwardingEngine;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The default Kernel engine, counting the data files read for their key column {@code id} alone (an upsert looking for its keys). */
final class KeyReadsEngine extends ForwardingEngine {
    final AtomicInteger keyReads = new AtomicInteger();

    KeyReadsEngine(Engine delegate) {
        super(delegate);
    }

    @Override
    public ParquetHandler getParquetHandler() {
        ParquetHandler parquet = super.getParquetHandler();
        return new ParquetHandler() {
            @Override
            public CloseableIterator<FileReadResult> readParquetFiles(
                    CloseableIterator<FileStatus> files, StructType schema, Optional<Predicate> predicate)
                    throws IOException {
                boolean keyOnly = schema.fieldNames().equals(List.of("id"));
                return parquet.readParquetFiles(
                        files.map(f -> {
                            if (keyOnly) {
                                keyReads.incrementAndGet();
                            }
                            return f;
                        }),
                        schema,
                        predicate);
            }

            @Override
            public CloseableIterator<DataFileStatus> writeParquetFiles(
                    String directory, CloseableIterator<FilteredColumnarBatch> data, List<Column> statsColumns)
                    throws IOException {
                return parquet.writeParquetFiles(directory, data, statsColumns);
            }

            @Override
            public void writeParquetFileAtomically(String path, CloseableIterator<FilteredColumnarBatch> data)
                    throws IOException {
                parquet.writeParquetFileAtomically(path, data);
            }
        };
    }
}
