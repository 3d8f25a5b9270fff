package io.deltabridge.k2d.delta;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.delta.DeltaEngines;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.roaringbitmap.RoaringBitmap;

/**
 * The bytes of a Delta deletion vector file (the protocol's "Deletion Vector Format", what Spark writes and Kernel and
 * Spark read): a format version byte (1), then per vector its size (a big-endian int), the vector, and the CRC-32 of
 * the vector (a big-endian int). A vector is a set of row indexes of one data file in the portable serialization of a
 * {@code RoaringBitmapArray}: a magic number, the count of 32-bit bitmaps, then per bitmap its key (the indexes' high 32
 * bits) and the bitmap of their low 32 bits in RoaringBitmap's portable format, all little-endian.
 */
final class DeletionVectorFile {
    static final byte FORMAT_VERSION = 1;
    static final int PORTABLE_MAGIC = 1681511377;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    DeletionVectorFile() {
        bytes.write(FORMAT_VERSION);
    }

    /** Appends {@code vector} ({@link #vector}); returns where it starts in the file (its descriptor's offset). */
    int add(byte[] vector) {
        int offset = bytes.size();
        CRC32 crc = new CRC32();
        crc.update(vector);
        try {
            out.writeInt(vector.length);
            out.write(vector);
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return offset;
    }

    /** Whether no vector was added. */
    boolean isEmpty() {
        return bytes.size() == 1;
    }

    /** Writes the file at {@code path} (a new file) with the engine's storage; returns its size. */
    long write(Engine engine, String path) {
        byte[] file = bytes.toByteArray();
        try (OutputStream stream =
                DeltaEngines.fileIO(engine).newOutputFile(path).create(false)) {
            stream.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.length;
    }

    /** The portable RoaringBitmapArray of the row indexes {@code rows} (non-negative, any order, repeats allowed). */
    static byte[] vector(long[] rows) {
        List<RoaringBitmap> bitmaps = new ArrayList<>(); // index: the high 32 bits
        for (long row : rows) {
            if (row < 0) {
                throw new IllegalArgumentException("a row index is not negative: " + row);
            }
            int high = (int) (row >>> 32);
            while (bitmaps.size() <= high) {
                bitmaps.add(new RoaringBitmap());
            }
            bitmaps.get(high).add((int) row); // the low 32 bits, as an unsigned int
        }
        int size = 4 + 8;
        for (RoaringBitmap b : bitmaps) {
            b.runOptimize();
            size += 4 + b.serializedSizeInBytes();
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(PORTABLE_MAGIC);
        buffer.putLong(bitmaps.size());
        for (int high = 0; high < bitmaps.size(); high++) {
            buffer.putInt(high);
            bitmaps.get(high).serialize(buffer);
        }
        return buffer.array();
    }
}
