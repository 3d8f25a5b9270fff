package io.deltabridge.core.codec.avro;

import io.deltabridge.core.codec.Utf8Validation;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SystemLimitException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.util.Utf8;

/**
 * Avro's variable-length reads, each length bounded by the bytes the record has left. Avro's
 * own {@link BinaryDecoder} allocates what a length prefix claims before it reads: an 11-byte
 * record claiming a 2 GB string is an {@link OutOfMemoryError}. Here a length or block count the
 * record cannot hold is a {@link DataException} before anything is allocated, and a string must
 * be valid UTF-8. Only for decoders over a byte array (where {@code available()} is exact).
 *
 * <p>Items that take no bytes (Avro {@code null}, empty records) cannot be bounded by the bytes
 * left: at most {@value #MAX_EMPTY_ITEMS} of them per record, counted per thread between
 * {@link #startRecord()} calls (decoders are single-threaded).
 */
final class BoundedReads {
    static final int MAX_EMPTY_ITEMS = 1 << 20;
    private static final ThreadLocal<long[]> EMPTY_ITEMS = ThreadLocal.withInitial(() -> new long[1]);

    static {
        // a backstop for Avro decoding outside these reads; users' own settings win
        defaultLimit(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, 256 << 20);
        defaultLimit(SystemLimitException.MAX_STRING_LENGTH_PROPERTY, 256 << 20);
        defaultLimit(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, 64 << 20);
    }

    private BoundedReads() {}

    private static void defaultLimit(String property, int value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(value));
        }
    }

    /** Starts the count of zero-size items of a new record on this thread. */
    static void startRecord() {
        EMPTY_ITEMS.get()[0] = 0;
    }

    /** A string: bounded length, valid UTF-8, read into {@code reuse} (returned). */
    static Utf8 readString(BinaryDecoder in, Utf8 reuse) throws IOException {
        int n = length(in, "string");
        reuse.setByteLength(n);
        in.readFixed(reuse.getBytes(), 0, n);
        int bad = Utf8Validation.firstInvalid(reuse.getBytes(), 0, n);
        if (bad >= 0) {
            throw Problem.of(
                            "Record is not valid Avro: a string is not valid UTF-8 (byte %d of %d is 0x%02X)",
                            bad, n, reuse.getBytes()[bad] & 0xFF)
                    .because("Avro strings are UTF-8; the producer wrote other bytes")
                    .fix("fix the producer's encoding, or use Avro bytes for binary data")
                    .data();
        }
        return reuse;
    }

    /** A bytes value, bounded, in {@code reuse} when it is big enough; the value is {@code array()[0, limit())}. */
    static ByteBuffer readBytes(BinaryDecoder in, ByteBuffer reuse) throws IOException {
        int n = length(in, "bytes value");
        ByteBuffer b = reuse != null && reuse.capacity() >= n ? reuse.clear() : ByteBuffer.allocate(n);
        in.readFixed(b.array(), 0, n);
        b.limit(n);
        return b;
    }

    /**
     * The item count of the next block of an array or map (start and next are the same on the
     * wire; the negative form is followed by the block's size in bytes).
     */
    static long blockCount(BinaryDecoder in, boolean emptyItems) throws IOException {
        long n = in.readLong();
        if (n < 0) {
            in.readLong();
            n = n == Long.MIN_VALUE ? Long.MAX_VALUE : -n;
        }
        if (emptyItems) {
            long[] seen = EMPTY_ITEMS.get();
            seen[0] += n;
            if (seen[0] > MAX_EMPTY_ITEMS || seen[0] < 0) {
                throw tooMany(n, "at most " + MAX_EMPTY_ITEMS + " items that take no bytes per record");
            }
        } else if (n > left(in)) {
            throw tooMany(n, left(in) + " bytes left");
        }
        return n;
    }

    /** Whether a value of {@code schema} can take no bytes at all (null, an empty record...). */
    static boolean mayBeEmpty(Schema schema) {
        return mayBeEmpty(schema, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean mayBeEmpty(Schema schema, Set<Schema> visiting) {
        return switch (schema.getType()) {
            case NULL -> true;
            case FIXED -> schema.getFixedSize() == 0;
            case RECORD ->
                visiting.add(schema) && schema.getFields().stream().allMatch(f -> mayBeEmpty(f.schema(), visiting));
            default -> false;
        };
    }

    private static DataException tooMany(long n, String limit) {
        return Problem.of("Record is not valid Avro: an array or map block claims %d items, the limit is %s", n, limit)
                .because("the block count is corrupt or the record is truncated")
                .fix("check that the producer writes Avro binary with the schema it registered")
                .data();
    }

    static int length(BinaryDecoder in, String what) throws IOException {
        long n = in.readLong();
        int left = left(in);
        if (n < 0 || n > left) {
            throw Problem.of("Record is not valid Avro: a %s claims %d bytes but only %d bytes are left", what, n, left)
                    .because("the length prefix is corrupt or the record is truncated")
                    .fix("check that the producer writes Avro binary with the schema it registered")
                    .data();
        }
        return (int) n;
    }

    private static int left(BinaryDecoder in) throws IOException {
        return in.inputStream().available();
    }
}
