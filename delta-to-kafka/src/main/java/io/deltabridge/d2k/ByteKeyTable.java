package io.deltabridge.d2k;

import java.util.Arrays;

/**
 * Distinct byte-string keys, numbered in the order first added. The keys' bytes lie back to back in one array, found
 * through an open-addressing table of their numbers: about 20 bytes per key beside its own, where a {@code HashSet}
 * of {@code ByteBuffer}s takes about 110, so the keys of a version that updates millions of rows fit a small heap.
 */
final class ByteKeyTable {
    private static final int INITIAL_KEYS = 16;

    /** The keys' bytes, back to back. */
    private byte[] bytes;
    /** Where each key ends in {@link #bytes} (it starts where the one before ends). */
    private int[] ends;
    /** Each key's hash: compared before its bytes, and what a larger table places it by. */
    private int[] hashes;
    /** A key's number plus one, at the slot its hash leads to (0: empty); a power of two, at most half full. */
    private int[] slots;

    private int size;

    ByteKeyTable() {
        allocate();
    }

    /** The number of {@code key}: the one it was given when first added, or the next one. */
    int add(byte[] key) {
        int hash = hash(key);
        int slot = slotOf(key, hash);
        if (slots[slot] != 0) {
            return slots[slot] - 1;
        }
        append(key, hash);
        if (2 * size > slots.length) {
            rehash(2 * slots.length);
        } else {
            slots[slot] = size;
        }
        return size - 1;
    }

    /** The number of {@code key}, or -1 when it was not added. */
    int indexOf(byte[] key) {
        return slots[slotOf(key, hash(key))] - 1;
    }

    int size() {
        return size;
    }

    /** Forgets every key, and gives back the memory a large set of keys took. */
    void clear() {
        if (size > INITIAL_KEYS) {
            allocate();
        } else {
            Arrays.fill(slots, 0);
        }
        size = 0;
    }

    private void allocate() {
        bytes = new byte[INITIAL_KEYS * 16];
        ends = new int[INITIAL_KEYS];
        hashes = new int[INITIAL_KEYS];
        slots = new int[2 * INITIAL_KEYS];
    }

    /** The slot of {@code key}, or of the empty slot where it would go. */
    private int slotOf(byte[] key, int hash) {
        int mask = slots.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int number = slots[slot] - 1;
            if (number < 0 || hashes[number] == hash && equalsKey(number, key)) {
                return slot;
            }
        }
    }

    private boolean equalsKey(int number, byte[] key) {
        int start = start(number);
        return Arrays.equals(bytes, start, ends[number], key, 0, key.length);
    }

    private int start(int number) {
        return number == 0 ? 0 : ends[number - 1];
    }

    private void append(byte[] key, int hash) {
        int start = start(size);
        if (key.length > bytes.length - start) {
            long needed = (long) start + key.length;
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException(
                        "the keys of one table version take more than 2 GiB; a version this large cannot be paired");
            }
            bytes = Arrays.copyOf(
                    bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 3L * bytes.length / 2)));
        }
        if (size == ends.length) {
            ends = Arrays.copyOf(ends, 3 * size / 2);
            hashes = Arrays.copyOf(hashes, ends.length);
        }
        System.arraycopy(key, 0, bytes, start, key.length);
        ends[size] = start + key.length;
        hashes[size] = hash;
        size++;
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        int mask = capacity - 1;
        for (int number = 0; number < size; number++) {
            int slot = hashes[number] & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = number + 1;
        }
    }

    /** {@link Arrays#hashCode} spread over the low bits (murmur3's finalizer), which pick the slot. */
    private static int hash(byte[] key) {
        int h = Arrays.hashCode(key);
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
