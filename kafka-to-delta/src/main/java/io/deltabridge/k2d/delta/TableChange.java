package io.deltabridge.k2d.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;

/**
 * What one flush changes in the table, its files already written: committed by
 * {@link DeltaAppender#commit} together with the offsets. Appends and upserts are two kinds of it.
 */
public interface TableChange {
    /** The transaction the files were written for; null when the change wrote none. */
    Transaction transaction();

    /**
     * The actions that make this change, in {@code txn}, built on {@code base}: called again with a
     * newer snapshot after a conflicting commit of another writer, so a change may re-plan against it.
     */
    CloseableIterator<Row> actions(Engine engine, Transaction txn, Snapshot base);

    /**
     * Whether Kernel may commit the actions on a newer snapshot than they were made for (blind
     * appends); when not, every concurrent commit comes back to {@link #actions} to be planned again.
     */
    default boolean rebasable() {
        return true;
    }

    /** Rows written (appended or upserted). */
    long rows();

    /** Data files added. */
    long files();

    /** Bytes of the data files added. */
    long bytes();
}
