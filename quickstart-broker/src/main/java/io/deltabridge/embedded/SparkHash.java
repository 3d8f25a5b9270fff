package io.deltabridge.embedded;

/**
 * Spark SQL's {@code hash(id, salt)} (Murmur3 x86_32, seed 42) and {@code xxhash64(id, salt)} (XXH64, seed 42)
 * for a BIGINT followed by an INT, bit for bit, so the generated table equals the one peer-bench's
 * Spark {@code GenTable} writes.
 */
final class SparkHash {
    private static final int SEED = 42;
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private SparkHash() {}

    /** Spark {@code hash(id, salt)}. */
    static int murmur3(long id, int salt) {
        return murmurInt(salt, murmurLong(id, SEED));
    }

    /** Spark {@code pmod(hash(id, salt), n)}. */
    static int pmod(long id, int salt, int n) {
        return Math.floorMod(murmur3(id, salt), n);
    }

    /** Spark {@code xxhash64(id, salt)}. */
    static long xxhash64(long id, int salt) {
        return xxInt(salt, xxLong(id, SEED));
    }

    private static int murmurInt(int input, int seed) {
        return fmix(mixH1(seed, mixK1(input)), 4);
    }

    private static int murmurLong(long input, int seed) {
        int h1 = mixH1(seed, mixK1((int) input));
        h1 = mixH1(h1, mixK1((int) (input >>> 32)));
        return fmix(h1, 8);
    }

    private static int mixK1(int k1) {
        return Integer.rotateLeft(k1 * C1, 15) * C2;
    }

    private static int mixH1(int h1, int k1) {
        return Integer.rotateLeft(h1 ^ k1, 13) * 5 + 0xe6546b64;
    }

    private static int fmix(int h1, int length) {
        h1 ^= length;
        h1 ^= h1 >>> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >>> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >>> 16;
        return h1;
    }

    private static long xxInt(int input, long seed) {
        long hash = seed + P5 + 4L;
        hash ^= (input & 0xFFFFFFFFL) * P1;
        hash = Long.rotateLeft(hash, 23) * P2 + P3;
        return xxFmix(hash);
    }

    private static long xxLong(long input, long seed) {
        long hash = seed + P5 + 8L;
        hash ^= Long.rotateLeft(input * P2, 31) * P1;
        hash = Long.rotateLeft(hash, 27) * P1 + P4;
        return xxFmix(hash);
    }

    private static long xxFmix(long hash) {
        hash ^= hash >>> 33;
        hash *= P2;
        hash ^= hash >>> 29;
        hash *= P3;
        hash ^= hash >>> 32;
        return hash;
    }
}
