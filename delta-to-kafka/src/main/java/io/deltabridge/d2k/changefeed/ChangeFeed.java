package io.deltabridge.d2k.changefeed;

import io.delta.kernel.Snapshot;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import io.deltabridge.core.config.StartingVersion;
import io.deltabridge.core.delta.TableUris;
import java.util.Objects;

/**
 * The Change Data Feed of one Delta table, read with Delta Kernel: the same rows, change types,
 * versions and commit timestamps as Spark's {@code readChangeFeed}.
 *
 * <pre>{@code
 * ChangeFeed feed = ChangeFeed.open(engine, "s3a://lake/gold/churn_scores");
 * long from = feed.resolveStartingVersion(new StartingVersion.Earliest());
 * try (CloseableIterator<ChangeBatch> it = feed.read(from, feed.latestVersion(), 0)) {
 *     while (it.hasNext()) { ChangeBatch b = it.next(); ... }
 * }
 * }</pre>
 *
 * <p>Reading streams: Parquet files are read one at a time, batch by batch, whatever the size of
 * a version. Errors are {@link io.deltabridge.core.error.BridgeException}s with problem, cause and
 * fix: {@link io.deltabridge.core.error.ConfigException} when the table is missing, is not a Delta
 * table or has no change data feed for the versions asked;
 * {@link io.deltabridge.core.error.DataException} when the history needed has been removed by log
 * cleanup; a {@link io.deltabridge.core.error.RuntimeFailureException} for storage failures.
 *
 * <p>Instances are cheap and hold no open resources; they are not thread-safe.
 */
public final class ChangeFeed {
    private final Engine engine;
    private final String tableUri;
    private Snapshot latest;

    private ChangeFeed(Engine engine, String tableUri) {
        this.engine = engine;
        this.tableUri = tableUri;
    }

    /**
     * Opens the change feed of the table at {@code tableUri} (a path or URI, normalised with
     * {@link TableUris#normalize}). Fails if there is no Delta table there.
     */
    public static ChangeFeed open(Engine engine, String tableUri) {
        ChangeFeed feed = new ChangeFeed(Objects.requireNonNull(engine), TableUris.normalize(tableUri));
        feed.latestVersion();
        return feed;
    }

    /** The normalised table URI, e.g. {@code file:/lake/gold/t} (the {@code deltabridge.source} header). */
    public String tableUri() {
        return tableUri;
    }

    /** The Delta table id (metadata id) as of the latest version. */
    public String tableId() {
        return KernelInternals.tableId(latestSnapshot());
    }

    /** The latest committed version; reads the log each time (use it to poll for new versions). */
    public long latestVersion() {
        return refreshLatestSnapshot().getVersion();
    }

    /**
     * The first version from which the change feed can be read up to the latest version: the
     * change data feed is enabled there and at every later version, and the log still holds the
     * history needed to start there (after log cleanup, the earliest checkpoint).
     */
    public long earliestReadableVersion() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * The first version to read for a mapping without progress: {@code earliest} →
     * {@link #earliestReadableVersion()}; {@code latest} → {@link #latestVersion()} + 1 (only
     * changes committed from now on); a version → itself; a timestamp → the first version
     * committed at or after it ({@link #latestVersion()} + 1 when there is none yet).
     * May return a version that does not exist yet (latest + 1): then there is nothing to read.
     */
    public long resolveStartingVersion(StartingVersion startingVersion) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Reads the changes of versions {@code fromVersion} to {@code toVersionInclusive}, in
     * version order, skipping the first {@code skipChangesInFirstVersion} change rows (ordinals)
     * of {@code fromVersion}: a version that was partly published resumes exactly after them.
     * Each version ends with an end-of-version batch (see {@link ChangeBatch}).
     *
     * <p>Checks before returning that the history from {@code fromVersion} is still there and
     * that the change data feed is enabled at {@code fromVersion}; a version in the range that
     * disables it fails when the read reaches it.
     *
     * @throws IllegalArgumentException if {@code toVersionInclusive < fromVersion} or the skip is negative
     */
    public CloseableIterator<ChangeBatch> read(long fromVersion, long toVersionInclusive, long skipChangesInFirstVersion) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    private Snapshot latestSnapshot() {
        return latest != null ? latest : refreshLatestSnapshot();
    }

    private Snapshot refreshLatestSnapshot() {
        latest = TableAccess.latestSnapshot(engine, tableUri);
        return latest;
    }
}
