package io.deltabridge.d2k;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The encoded pre-images of one version, numbered as they are added: in the heap up to a budget of bytes, the rest
 * appended to a temporary file, so a version that updates millions of rows holds about 20 bytes per pre-image beside
 * the budget, not the rows. The file is opened {@code DELETE_ON_CLOSE}, which on Linux unlinks it at once: nothing
 * is left behind when the process is killed, and its space is freed when the version is forgotten ({@link #clear}).
 */
final class PreImageBodies implements Closeable {
    private static final int WRITE_BUFFER_BYTES = 64 << 10;
    /** The length of a body that is no post-image's (its key has other pre-images in the version). */
    private static final int AMBIGUOUS = -1;

    private final long budgetBytes;
    private final Path spillDir;
    /** By number: the body, or null when it is in the file (or ambiguous). */
    private byte[][] held = new byte[16][];
    /** By number: where a body in the file starts. */
    private long[] spilledAt = new long[16];
    /** By number: a body's length in the file, or {@link #AMBIGUOUS}. */
    private int[] lengths = new int[16];

    private int size;
    private long heldBytes;
    private FileChannel spill;
    private final ByteBuffer pending = ByteBuffer.allocate(WRITE_BUFFER_BYTES);
    /** Bytes written to the file, and after them those still in {@link #pending}. */
    private long written;

    /** @param spillDir where the bodies past {@code budgetBytes} go */
    PreImageBodies(long budgetBytes, Path spillDir) {
        this.budgetBytes = budgetBytes;
        this.spillDir = spillDir;
    }

    /** Adds the body numbered {@link #size} before it. */
    void add(byte[] body) {
        if (size == held.length) {
            int capacity = size + (size >> 1);
            held = Arrays.copyOf(held, capacity);
            spilledAt = Arrays.copyOf(spilledAt, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
        }
        lengths[size] = body.length;
        if (heldBytes + body.length <= budgetBytes) {
            held[size] = body;
            heldBytes += body.length;
        } else {
            spilledAt[size] = append(body);
        }
        size++;
    }

    /** The body numbered {@code number}, or null when it is ambiguous. */
    byte[] get(int number) {
        if (lengths[number] == AMBIGUOUS) {
            return null;
        }
        return held[number] != null ? held[number] : read(number);
    }

    /** Whether the body numbered {@code number} is {@code body} (never when it is ambiguous). */
    boolean sameAs(int number, byte[] body) {
        return lengths[number] == body.length && Arrays.equals(get(number), body);
    }

    /** Marks the body numbered {@code number} as no post-image's: its key has pre-images that differ. */
    void markAmbiguous(int number) {
        heldBytes -= held[number] == null ? 0 : held[number].length;
        held[number] = null;
        lengths[number] = AMBIGUOUS;
    }

    /** Bytes of bodies held in the heap. */
    long heldBytes() {
        return heldBytes;
    }

    /** Forgets every body, and closes the file (which frees its space). */
    void clear() {
        if (size > 16) {
            held = new byte[16][];
            spilledAt = new long[16];
            lengths = new int[16];
        } else {
            Arrays.fill(held, null);
        }
        size = 0;
        heldBytes = 0;
        closeSpill();
    }

    @Override
    public void close() {
        clear();
    }

    private long append(byte[] body) {
        try {
            if (spill == null) {
                Path file = Files.createTempFile(spillDir, "deltabridge-preimages-", ".bin");
                spill = FileChannel.open(
                        file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
                written = 0;
            }
            long at = written + pending.position();
            if (body.length > pending.remaining()) {
                flush();
            }
            if (body.length > pending.capacity()) {
                writeFully(ByteBuffer.wrap(body), written);
                written += body.length;
            } else {
                pending.put(body);
            }
            return at;
        } catch (IOException e) {
            throw spillFailed(e);
        }
    }

    private byte[] read(int number) {
        try {
            if (spilledAt[number] + lengths[number] > written) {
                flush();
            }
            ByteBuffer body = ByteBuffer.allocate(lengths[number]);
            while (body.hasRemaining()) {
                if (spill.read(body, spilledAt[number] + body.position()) < 0) {
                    throw new IOException("the file ends before body " + number);
                }
            }
            return body.array();
        } catch (IOException e) {
            throw spillFailed(e);
        }
    }

    private void flush() throws IOException {
        pending.flip();
        int bytes = pending.remaining();
        writeFully(pending, written);
        written += bytes;
        pending.clear();
    }

    private void writeFully(ByteBuffer bytes, long at) throws IOException {
        while (bytes.hasRemaining()) {
            at += spill.write(bytes, at);
        }
    }

    private void closeSpill() {
        pending.clear();
        if (spill == null) {
            return;
        }
        try {
            spill.close();
        } catch (IOException e) {
            throw spillFailed(e);
        } finally {
            spill = null;
        }
    }

    private UncheckedIOException spillFailed(IOException e) {
        return new UncheckedIOException(
                "The pre-images of a large table version did not fit the heap budget and could not be kept in "
                        + spillDir + " (" + e.getMessage() + "): give java.io.tmpdir a writable directory with room"
                        + " for them, or a larger heap",
                e);
    }
}
