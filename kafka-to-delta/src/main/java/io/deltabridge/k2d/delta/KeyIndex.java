package io.deltabridge.k2d.delta;

import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of a table's data files, kept across flushes of one pipeline: per file path, the sorted 64-bit hashes of
 * the keys it holds ({@link KeyHash}), so a flush does not read the key columns of a file it has seen before. An entry
 * is made when a flush writes a file or reads its key columns; a data file never changes under its path, so an entry
 * stays true for as long as the file is in the table (deletion vectors only hide rows: the hashes are then a
 * superset). Files another writer adds are unknown until read once; files it removes are no longer asked about and
 * age out. Memory is bounded by {@code budgetBytes}: the least recently used entries are dropped beyond it (first the
 * removed files'), and a dropped file is read again when a flush needs it. A file is answered "may hold" only if it
 * holds a key with the same hash: no false negative; a false positive (two keys of one hash) costs a rewrite of that
 * file with the same rows.
 */
public final class KeyIndex {
    /** A share of the heap the index may hold by default. */
    private static final int HEAP_SHARE = 8;
    /** Estimated bytes of an entry besides its hashes (map node, array header, path string). */
    private static final long ENTRY_OVERHEAD = 200;

    private final long budgetBytes;
    private final LinkedHashMap<String, long[]> files = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    public KeyIndex(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /**
     * The JVM system property that sets the bytes an index may hold (default: an eighth of the maximum heap); 0 keeps
     * no index, so every flush reads the key columns of every candidate file (the benchmark's comparison).
     */
    public static final String BUDGET_PROPERTY = "deltabridge.k2d.key-index-bytes";

    /** An index of {@link #BUDGET_PROPERTY} bytes at most, by default an eighth of the maximum heap. */
    public static KeyIndex ofHeapShare() {
        return new KeyIndex(Long.getLong(BUDGET_PROPERTY, Runtime.getRuntime().maxMemory() / HEAP_SHARE));
    }

    /**
     * Whether the file at {@code path} may hold a key of the sorted hashes {@code keys}; null when the file is not in
     * the index (its key columns must be read).
     */
    synchronized Boolean mayHoldAny(String path, long[] keys) {
        long[] held = files.get(path);
        if (held == null) {
            return null;
        }
        long[] small = held.length < keys.length ? held : keys;
        long[] large = small == held ? keys : held;
        for (long h : small) {
            if (Arrays.binarySearch(large, h) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Records that the file at {@code path} holds the keys hashed in {@code hashes[from..to)} (any order, repeats allowed). */
    synchronized void put(String path, long[] hashes, int from, int to) {
        long[] sorted = Arrays.copyOfRange(hashes, from, to);
        Arrays.sort(sorted);
        sorted = distinct(sorted);
        if (size(sorted) > budgetBytes) {
            forget(path);
            return;
        }
        long[] was = files.put(path, sorted);
        bytes += size(sorted) - (was == null ? 0 : size(was));
        Iterator<Map.Entry<String, long[]>> eldest = files.entrySet().iterator();
        while (bytes > budgetBytes && eldest.hasNext()) {
            bytes -= size(eldest.next().getValue());
            eldest.remove();
        }
    }

    synchronized void forget(String path) {
        long[] was = files.remove(path);
        if (was != null) {
            bytes -= size(was);
        }
    }

    /** Files in the index. */
    public synchronized int files() {
        return files.size();
    }

    /** Estimated bytes the index holds. */
    public synchronized long bytes() {
        return bytes;
    }

    /** The sorted hashes of {@code keys}, for {@link #mayHoldAny}. */
    static long[] hashes(Collection<List<Object>> keys) {
        long[] hashes = new long[keys.size()];
        int i = 0;
        for (List<Object> key : keys) {
            hashes[i++] = KeyHash.of(key);
        }
        Arrays.sort(hashes);
        return hashes;
    }

    private static long[] distinct(long[] sorted) {
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (n == 0 || sorted[i] != sorted[n - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }

    private static long size(long[] hashes) {
        return 8L * hashes.length + ENTRY_OVERHEAD;
    }
}
