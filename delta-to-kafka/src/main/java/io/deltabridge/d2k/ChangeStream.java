package io.deltabridge.d2k;

import io.deltabridge.core.config.StartingVersion;

/** Where the publisher gets its events from: the table's state and its change rows, encoded. */
interface ChangeStream {

    /** The table as of its latest version. */
    TableState latest();

    /** The first version to read for a mapping without progress. */
    long resolveStartingVersion(StartingVersion startingVersion);

    /**
     * The events of versions {@code from} to {@code toInclusive}, skipping the first
     * {@code skipInFirstVersion} change rows of {@code from}; every version read ends with an
     * end-of-version chunk.
     */
    EventChunks events(long from, long toInclusive, long skipInFirstVersion, TableState latest);
}
