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
 * the rows recorded, nothing is put, and the files are read when a flush needs their keys.
 */
final class FileKeys {
    /** Stands for a row whose key has a null column: it matches no changed key (those have values). */
    private static final long NO_KEY = 0;

    private final KeyIndex index;
    private final KeyColumns keys;
    private long[] hashes = new long[1024];
    private int count;

    FileKeys(KeyIndex index, KeyColumns keys) {
        this.index = index;
        this.keys = keys;
    }

    /** Records the key of the next row (null: a key column is null). */
    void add(List<Object> key) {
        if (count == hashes.length) {
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
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

    /** Puts the keys recorded since the last call into the index as those of the file {@code entry} names. */
    void indexRead(String entry) {
        index.put(entry, hashes, 0, count);
        count = 0;
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
                count = 0;
                return written;
            }
            total += counts[i];
        }
        if (total == count) {
            int from = 0;
            for (int i = 0; i < counts.length; i++) {
                index.put(files.get(i).getPath(), hashes, from, from + (int) counts[i]);
                from += (int) counts[i];
            }
        }
        count = 0;
        return written;
    }
}
