package io.deltabridge.core.parquet;

import io.delta.kernel.defaults.engine.fileio.OutputFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.DelegatingPositionOutputStream;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Kernel {@link OutputFile} as parquet-mr's, created as Kernel's writer creates its data files (not atomically).
 * From {@link #keepTail()} on, it also keeps what is written, so that the footer can be read back without storage
 * ({@link #tail()}).
 */
final class KernelOutputFile implements org.apache.parquet.io.OutputFile {
    private final OutputFile file;
    private io.delta.kernel.defaults.engine.fileio.PositionOutputStream out;
    /** Where the kept bytes start in the file. */
    private long tailStart;
    /** The bytes written since {@link #keepTail()}; null before. */
    private ByteArrayOutputStream tail;

    KernelOutputFile(OutputFile file) {
        this.file = file;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        out = file.create(false);
        return new DelegatingPositionOutputStream(out) {
            @Override
            public long getPos() throws IOException {
                return out.getPos();
            }

            @Override
            public void write(int b) throws IOException {
                super.write(b);
                if (tail != null) {
                    tail.write(b);
                }
            }

            @Override
            public void write(byte[] b) throws IOException {
                write(b, 0, b.length);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                super.write(b, off, len);
                if (tail != null) {
                    tail.write(b, off, len);
                }
            }
        };
    }

    /** Keeps every byte written from now on (the footer, when called before the writer ends the file). */
    void keepTail() throws IOException {
        tailStart = out.getPos();
        tail = new ByteArrayOutputStream();
    }

    /** The file as far as it was kept: its length and the bytes from {@link #keepTail()} on. */
    WrittenTail tail() {
        return new WrittenTail(file.path(), tailStart, tail.toByteArray());
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
