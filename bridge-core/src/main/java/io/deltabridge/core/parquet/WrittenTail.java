package io.deltabridge.core.parquet;

import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * The end of a file just written, kept in memory as it was written: a reader of its footer (Kernel's statistics
 * reader) reads it from here instead of from storage, where it would cost one more request per file. Reading before
 * the kept bytes is an error, never a silent read of storage.
 */
final class WrittenTail implements InputFile {
    private final String path;
    /** Where in the file {@link #bytes} start. */
    private final long start;

    private final byte[] bytes;

    WrittenTail(String path, long start, byte[] bytes) {
        this.path = path;
        this.start = start;
        this.bytes = bytes;
    }

    @Override
    public long length() {
        return start + bytes.length;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public SeekableInputStream newStream() {
        return new SeekableInputStream() {
            private long pos;

            @Override
            public long getPos() {
                return pos;
            }

            @Override
            public void seek(long newPos) {
                pos = newPos;
            }

            @Override
            public int read() throws IOException {
                if (pos >= length()) {
                    return -1;
                }
                return bytes[index(1)] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= length()) {
                    return -1;
                }
                int n = (int) Math.min(len, length() - pos);
                readFully(b, off, n);
                return n;
            }

            @Override
            public void readFully(byte[] b, int off, int len) throws IOException {
                if (pos + len > length()) {
                    throw new EOFException(
                            "Reading " + len + " bytes at " + pos + " of " + path + ", which ends at " + length());
                }
                System.arraycopy(bytes, index(len), b, off, len);
            }

            /** The index in {@link #bytes} of the {@code len} bytes at {@code pos}, which then moves past them. */
            private int index(int len) throws IOException {
                if (pos < start) {
                    throw new IOException("Only the last " + bytes.length + " bytes of " + path
                            + " are kept after writing it, from " + start + "; read at " + pos);
                }
                int index = (int) (pos - start);
                pos += len;
                return index;
            }
        };
    }
}
