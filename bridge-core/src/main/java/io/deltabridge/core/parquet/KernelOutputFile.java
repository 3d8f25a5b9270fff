package io.deltabridge.core.parquet;

import io.delta.kernel.defaults.engine.fileio.OutputFile;
import java.io.IOException;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.DelegatingPositionOutputStream;
import org.apache.parquet.io.PositionOutputStream;

/** A Kernel {@link OutputFile} as parquet-mr's, created as Kernel's writer creates its data files (not atomically). */
final class KernelOutputFile implements org.apache.parquet.io.OutputFile {
    private final OutputFile file;

    KernelOutputFile(OutputFile file) {
        this.file = file;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        io.delta.kernel.defaults.engine.fileio.PositionOutputStream out = file.create(false);
        return new DelegatingPositionOutputStream(out) {
            @Override
            public long getPos() throws IOException {
                return out.getPos();
            }
        };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        throw new UnsupportedOperationException("data files are never overwritten");
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return ParquetWriter.DEFAULT_BLOCK_SIZE; // unused: no block size support, as in Kernel's adapter
    }

    @Override
    public String getPath() {
        return file.path();
    }
}
