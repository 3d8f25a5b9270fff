package io.deltabridge.k2d.delta;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.utils.DataFileStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The keys of the rows of data files, recorded in order as a write streams them into Parquet files or a read streams
 * them out, then put into the {@link KeyIndex} per file. Kernel fills the files of one write one after the other in
 * row order, so each holds the next {@code numRecords} of the rows (its statistics); when the counts do not add up to
 * the rows recorded, nothing is put, and the files are read when a flush needs their keys. The keys recorded are held
 * beside the index until they are put, so they are bounded by a quarter of its budget: past that (a copy-on-write
 * rewrite of a table far larger than the heap streams all its kept rows through here) nothing more is recorded and the
 * files are left out of the index.
 */
final class FileKeys {
    /** Stands for a row whose key has a null column: it matches no changed key (those have values). */
    private static final long NO_KEY = 0;

    private static final int INITIAL_CAPACITY = 1024;

    private final KeyIndex index;
    private final KeyColumns keys;
    private final int maxHashes;
    private long[] hashes;
    private int count;
    /** More keys than {@link #maxHashes} since the last put: none of them is put. */
    private boolean tooMany;

    FileKeys(KeyIndex index, KeyColumns keys) {
        this.index = index;
        this.keys = keys;
        this.maxHashes = index.maxHashes() / 4;
        this.hashes = new long[Math.min(INITIAL_CAPACITY, maxHashes)];
    }

    /** Records the key of the next row (null: a key column is null). */
    void add(List<Object> key) {
        if (tooMany) {
            return;
        }
        if (count == hashes.length) {
            if (count == maxHashes) {
                tooMany = true;
                hashes = new long[0];
                return;
            }
            hashes = Arrays.copyOf(hashes, (int) Math.min(maxHashes, 2L * hashes.length));
        }
        hashes[count++] = key == null ? NO_KEY : KeyHash.of(key);
    }

    /** Records the keys of the selected rows of {@code rows} (of the table's columns); returns it. */
    FilteredColumnarBatch observe(FilteredColumnarBatch rows) {
        ColumnarBatch data = rows.getData();
        for (int row = 0; row < data.getSize(); row++) {
            if (Selection.selected(rows, row)) {
                add(keys.key(data, row));
            }
        }
        return rows;
    }

    /** The hashes it has room for now. */
    int capacity() {
        return hashes.length;
    }

    /** Puts the keys recorded since the last call into the index as those of the file {@code entry} names. */
    void indexRead(String entry) {
        if (!tooMany) {
            index.put(entry, hashes, 0, count);
        }
        startOver();
    }

    /** Puts the keys recorded since the last call into the index, per file of {@code written}; returns it. */
    PendingWrite.FileGroup indexWritten(PendingWrite.FileGroup written) {
        List<DataFileStatus> files = written.files();
        long[] counts = new long[files.size()];
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            Optional<DataFileStatistics> stats = files.get(i).getStatistics();
            counts[i] = stats.map(DataFileStatistics::getNumRecords).orElse(-1L);
            if (counts[i] < 0) {
                startOver();
                return written;
            }
            total += counts[i];
        }
        if (!tooMany && total == count) {
            int from = 0;
            for (int i = 0; i < counts.length; i++) {
                index.put(files.get(i).getPath(), hashes, from, from + (int) counts[i]);
                from += (int) counts[i];
            }
        }
        startOver();
        return written;
    }

    private void startOver() {
        count = 0;
        if (tooMany) {
            tooMany = false;
            hashes = new long[Math.min(INITIAL_CAPACITY, maxHashes)];
        }
    }
}
