package io.deltabridge.k2d.delta;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A 64-bit hash of a key as {@link KeyColumns} reads it: equal keys hash equal (the values' own {@code equals}), and
 * distinct keys collide with a chance near 2<sup>-64</sup>, so a set of hashes answers "may hold" almost exactly.
 */
final class KeyHash {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private KeyHash() {}

    static long of(List<Object> key) {
        long h = 0x9E3779B97F4A7C15L;
        for (Object value : key) {
            h = mix(h * FNV_PRIME ^ value(value));
        }
        return h;
    }

    private static long value(Object v) {
        if (v instanceof String s) {
            long h = FNV_OFFSET;
            for (int i = 0; i < s.length(); i++) {
                h = (h ^ s.charAt(i)) * FNV_PRIME;
            }
            return mix(h ^ s.length());
        } else if (v instanceof ByteBuffer b) {
            return bytes(b.duplicate());
        } else if (v instanceof BigDecimal d) { // trailing zeros stripped by KeyColumns: equal values are equal here
            return mix(bytes(ByteBuffer.wrap(d.unscaledValue().toByteArray())) ^ d.scale());
        } else if (v instanceof Double d) {
            return mix(Double.doubleToLongBits(d)); // Double.equals compares these bits
        } else if (v instanceof Float f) {
            return mix(Float.floatToIntBits(f));
        } else if (v instanceof Boolean b) {
            return b ? 1 : 2;
        }
        return mix(((Number) v).longValue()); // the integral types, dates and timestamps
    }

    private static long bytes(ByteBuffer b) {
        long h = FNV_OFFSET;
        while (b.hasRemaining()) {
            h = (h ^ (b.get() & 0xff)) * FNV_PRIME;
        }
        return mix(h);
    }

    /** MurmurHash3's 64-bit finaliser: every input bit reaches every output bit. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
