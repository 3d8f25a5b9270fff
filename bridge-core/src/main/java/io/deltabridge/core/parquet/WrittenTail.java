package io.deltabridge.core.parquet;

import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import io.delta.kernel.defaults.engine.hadoopio.HadoopInputFile;
import java.io.EOFException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * The end of a file just written, kept in memory as it was written: a reader of its footer (Kernel's statistics
 * reader) reads it from here instead of from storage, where it would cost one more request per file. Reading before
 * the kept bytes is an error, never a silent read of storage.
 *
 * <p>A {@link HadoopInputFile} without a file system only so that Kernel's reader takes its Parquet settings from
 * {@link #configuration()}: for any other {@link InputFile} it makes a new Hadoop {@code Configuration} per file,
 * which parses core-default.xml and core-site.xml again, and that cost twice what the read saved
 * (docs/benchmarks.md, "kafka → delta into a table with 2,000 partitions").
 */
final class WrittenTail extends HadoopInputFile {
    /** No setting applies to reading the footer of a file this process just wrote (no encryption, no filter). */
    private static final Configuration NO_SETTINGS = new Configuration(false);

    private final String path;
    /** Where in the file {@link #bytes} start. */
    private final long start;

    private final byte[] bytes;

    WrittenTail(String path, long start, byte[] bytes) {
        super(null, null, start + bytes.length);
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
    public Configuration configuration() {
        return NO_SETTINGS;
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
