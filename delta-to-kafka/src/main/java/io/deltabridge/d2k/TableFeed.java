package io.deltabridge.d2k;

import io.delta.kernel.Snapshot;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import io.deltabridge.core.config.StartingVersion;
import io.deltabridge.d2k.changefeed.ChangeBatch;
import io.deltabridge.d2k.changefeed.ChangeFeed;

/** A table's change feed plus the state of its latest version, as the publisher polls them. */
final class TableFeed {
    private static final String CDF_PROPERTY = "delta.enableChangeDataFeed";

    private final Engine engine;
    private final ChangeFeed feed;
    private Snapshot latestSnapshot;
    private TableState latest;

    TableFeed(Engine engine, String tableUri) {
        this.engine = engine;
        this.feed = ChangeFeed.open(engine, tableUri);
    }

    String tableUri() {
        return feed.tableUri();
    }

    /**
     * The latest version; the feed loads a new snapshot only when the log changed. Also called from health checks'
     * threads (a pipeline's {@code status()}), beside the pipeline's own.
     */
    synchronized TableState latest() {
        Snapshot snapshot = feed.latestSnapshot();
        // another snapshot may have the same version: a table recreated in place
        if (snapshot != latestSnapshot) {
            latestSnapshot = snapshot;
            latest = new TableState(
                    snapshot.getVersion(),
                    feed.tableId(),
                    snapshot.getTimestamp(engine),
                    snapshot.getSchema(),
                    Boolean.parseBoolean(snapshot.getTableProperties().getOrDefault(CDF_PROPERTY, "false")));
        }
        return latest;
    }

    long resolveStartingVersion(StartingVersion startingVersion) {
        return feed.resolveStartingVersion(startingVersion);
    }

    /** The changes of versions {@code from..toInclusive}, which the publisher presents in the schema of {@code toInclusive}. */
    CloseableIterator<ChangeBatch> read(long from, long toInclusive, long skipInFirstVersion) {
        feed.requireReadableInSchemaOf(from, toInclusive);
        return feed.read(from, toInclusive, skipInFirstVersion);
    }

    /** The changes of one version being read, again from its first change row; safe from the reading thread. */
    CloseableIterator<ChangeBatch> readAgain(long version) {
        return feed.readAgain(version);
    }
}
