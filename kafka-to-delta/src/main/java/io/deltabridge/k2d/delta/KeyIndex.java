package io.deltabridge.k2d.delta;

import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of tables' data files, kept across flushes: per file path (and key columns), the sorted 64-bit hashes of
 * the keys it holds ({@link KeyHash}), so a flush does not read the key columns of a file it has seen before. An entry
 * is made when a flush writes a file or reads its key columns; a data file never changes under its path, so an entry
 * stays true for as long as the file is in the table. A file with a deletion vector is entered under its path and the
 * vector's id (the rows read are those the vector leaves, and a vector of the file that leaves more may come back
 * with RESTORE); a file we entered that another writer then gives a vector is read once more. Files another writer adds are unknown until read once; files it removes are no longer asked about and
 * age out. Memory is bounded by a budget of bytes shared by every index made {@link #shared} in the JVM: the least
 * recently used entries are dropped beyond it (first the removed files'), and a dropped file is read again when a
 * flush needs it. A file is answered "may hold" only if it holds a key with the same hash: no false negative; a false
 * positive (two keys of one hash) costs a rewrite of that file with the same rows.
 */
public final class KeyIndex {
    /**
     * The JVM system property that sets the bytes the indexes may hold together (default: an eighth of the maximum
     * heap); 0 keeps no index, so every flush reads the key columns of every candidate file (the benchmark's
     * comparison).
     */
    public static final String BUDGET_PROPERTY = "deltabridge.k2d.key-index-bytes";
    /** Estimated bytes of an entry besides its hashes (map node, array header, path string). */
    private static final long ENTRY_OVERHEAD = 200;

    private static final Entries JVM_WIDE =
            new Entries(Long.getLong(BUDGET_PROPERTY, Runtime.getRuntime().maxMemory() / 8));

    private final Entries entries;
    /** The key columns: one file has other entries under other key columns (two mappings of one table). */
    private final String scope;

    /** An index of its own, of at most {@code budgetBytes}. */
    public KeyIndex(long budgetBytes) {
        this(new Entries(budgetBytes), "");
    }

    private KeyIndex(Entries entries, String scope) {
        this.entries = entries;
        this.scope = scope;
    }

    /** The index of files keyed by {@code keyColumns}, within the budget the JVM's upsert mappings share. */
    public static KeyIndex shared(List<String> keyColumns) {
        return new KeyIndex(JVM_WIDE, String.join("\0", keyColumns) + "\0");
    }

    /**
     * Whether the file {@code file} names (its path, with its deletion vector's id when it has one) may hold a key of
     * the sorted hashes {@code keys}; null when the file is not in the index (its key columns must be read).
     */
    Boolean mayHoldAny(String file, long[] keys) {
        long[] held = entries.get(scope + file);
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

    /** Records that the file {@code file} names holds the keys hashed in {@code hashes[from..to)} (any order, repeats allowed). */
    void put(String file, long[] hashes, int from, int to) {
        long[] sorted = Arrays.copyOfRange(hashes, from, to);
        Arrays.sort(sorted);
        entries.put(scope + file, distinct(sorted));
    }

    /** The most hashes one entry may hold: a file with more keys is never kept (it is read when a flush needs it). */
    int maxHashes() {
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, (entries.budgetBytes - ENTRY_OVERHEAD) / Long.BYTES));
    }

    void forget(String file) {
        entries.remove(scope + file);
    }

    /** Files in the index (with the other indexes of its budget). */
    public int files() {
        return entries.files();
    }

    /** Estimated bytes the index holds (with the other indexes of its budget). */
    public long bytes() {
        return entries.bytes();
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

    /** The entries of a budget, least recently used first. */
    private static final class Entries {
        private final long budgetBytes;
        private final LinkedHashMap<String, long[]> files = new LinkedHashMap<>(64, 0.75f, true);
        private long bytes;

        Entries(long budgetBytes) {
            this.budgetBytes = budgetBytes;
        }

        synchronized long[] get(String entry) {
            return files.get(entry);
        }

        synchronized void put(String entry, long[] hashes) {
            if (size(hashes) > budgetBytes) {
                remove(entry);
                return;
            }
            long[] was = files.put(entry, hashes);
            bytes += size(hashes) - (was == null ? 0 : size(was));
            Iterator<Map.Entry<String, long[]>> eldest = files.entrySet().iterator();
            while (bytes > budgetBytes && eldest.hasNext()) {
                bytes -= size(eldest.next().getValue());
                eldest.remove();
            }
        }

        synchronized void remove(String entry) {
            long[] was = files.remove(entry);
            if (was != null) {
                bytes -= size(was);
            }
        }

        synchronized int files() {
            return files.size();
        }

        synchronized long bytes() {
            return bytes;
        }

        private static long size(long[] hashes) {
            return 8L * hashes.length + ENTRY_OVERHEAD;
        }
    }
}
