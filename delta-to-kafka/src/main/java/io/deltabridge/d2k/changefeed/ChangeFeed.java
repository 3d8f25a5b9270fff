package io.deltabridge.d2k.changefeed;

import io.delta.kernel.CommitActions;
import io.delta.kernel.CommitRange;
import io.delta.kernel.CommitRangeBuilder.CommitBoundary;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.CommitRangeNotFoundException;
import io.delta.kernel.exceptions.StartVersionNotFoundException;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.deltabridge.core.config.StartingVersion;
import io.deltabridge.core.delta.TableUris;
import io.deltabridge.core.error.BridgeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

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
    /** The commit file of the latest version when it was loaded: a table recreated in place rewrites it. */
    private FileStatus latestCommit;

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

    /** The Delta table id (metadata id) as of the last version this feed looked at. */
    public synchronized String tableId() {
        return KernelInternals.tableId(latest);
    }

    /**
     * The latest committed version. Each call looks for new commit files (one listing of the
     * log) and loads the new latest snapshot only when there are some, or when the latest commit
     * file is gone or rewritten (a table recreated in place, maybe with fewer versions, whose new
     * id the caller must notice): cheap enough to poll.
     */
    public synchronized long latestVersion() {
        if (latest != null && !TableAccess.changedSince(engine, tableUri, latest.getVersion(), latestCommit)) {
            return latest.getVersion();
        }
        return refreshLatestSnapshot().getVersion();
    }

    /** The snapshot of the latest version (schema, table properties, commit timestamp), refreshed like {@link #latestVersion()}. */
    public synchronized Snapshot latestSnapshot() {
        latestVersion();
        return latest;
    }

    /**
     * The first version from which the change feed can be read up to the latest version: the
     * change data feed is enabled there and at every later version, and the log still holds the
     * history needed to start there (after log cleanup, the earliest checkpoint).
     *
     * @throws io.deltabridge.core.error.ConfigException if the change data feed is not enabled at the latest version
     */
    public long earliestReadableVersion() {
        long latestVersion = latestVersion();
        long earliest;
        long enabledFrom;
        try {
            earliest = KernelInternals.earliestRecreatableVersion(engine, tableUri);
            enabledFrom = ChangeFeedSupport.isEnabled(
                            TableAccess.snapshotAt(engine, tableUri, earliest).getTableProperties())
                    ? earliest
                    : -1;
        } catch (RuntimeException e) {
            throw TableAccess.translate(engine, tableUri, e);
        }
        if (latestVersion > earliest) {
            enabledFrom = lastEnablement(earliest + 1, latestVersion, enabledFrom);
        }
        if (enabledFrom < 0) {
            throw ChangeFeedErrors.notEnabledAt(tableUri, latestVersion, OptionalLong.empty());
        }
        return enabledFrom;
    }

    /** Follows the metaData actions of a range: the version from which the feed stays enabled to the end, or -1. */
    private long lastEnablement(long fromVersion, long toVersion, long enabledBefore) {
        long enabledFrom = enabledBefore;
        for (MetadataChange change : metadataChanges(fromVersion, toVersion)) {
            if (!change.changeDataFeedEnabled()) {
                enabledFrom = -1;
            } else if (enabledFrom < 0) {
                enabledFrom = change.version();
            }
        }
        return enabledFrom;
    }

    /** The metaData actions of versions {@code fromVersion..toVersion}, in commit order. */
    private List<MetadataChange> metadataChanges(long fromVersion, long toVersion) {
        List<MetadataChange> changes = new ArrayList<>();
        CommitRange range = TableAccess.commitRange(engine, tableUri, fromVersion, toVersion);
        try (CloseableIterator<CommitActions> commits = KernelInternals.metadataActions(engine, range)) {
            while (commits.hasNext()) {
                CommitActions commit = commits.next();
                try (commit;
                        CloseableIterator<ColumnarBatch> actions = commit.getActions()) {
                    while (actions.hasNext()) {
                        ColumnarBatch batch = actions.next();
                        for (int row = 0; row < batch.getSize(); row++) {
                            KernelInternals.metadataChange(commit.getVersion(), batch, row)
                                    .ifPresent(changes::add);
                        }
                    }
                }
            }
        } catch (BridgeException e) {
            throw e;
        } catch (Exception e) {
            throw TableAccess.translate(engine, tableUri, e);
        }
        return changes;
    }

    /**
     * The first version to read for a mapping without progress: {@code earliest} →
     * {@link #earliestReadableVersion()}; {@code latest} → {@link #latestVersion()} + 1 (only
     * changes committed from now on); a version → itself; a timestamp → the first version
     * committed at or after it ({@link #latestVersion()} + 1 when there is none yet).
     * May return a version that does not exist yet (latest + 1): then there is nothing to read.
     */
    public long resolveStartingVersion(StartingVersion startingVersion) {
        if (startingVersion instanceof StartingVersion.Earliest) {
            return earliestReadableVersion();
        }
        if (startingVersion instanceof StartingVersion.Latest) {
            return latestVersion() + 1;
        }
        if (startingVersion instanceof StartingVersion.AtVersion at) {
            return at.version();
        }
        if (startingVersion instanceof StartingVersion.AtTimestamp at) {
            Snapshot latestSnapshot = latestSnapshot();
            long millis = at.timestamp().toEpochMilli();
            try {
                if (millis > latestSnapshot.getTimestamp(engine)) {
                    return latestSnapshot.getVersion() + 1;
                }
                return TableManager.loadCommitRange(tableUri, CommitBoundary.atTimestamp(millis, latestSnapshot))
                        .build(engine)
                        .getStartVersion();
            } catch (RuntimeException e) {
                throw TableAccess.translate(engine, tableUri, e);
            }
        }
        throw new IllegalArgumentException("Unknown starting version " + startingVersion);
    }

    /**
     * Reads the changes of versions {@code fromVersion} to {@code toVersionInclusive}, in
     * version order, skipping the first {@code skipChangesInFirstVersion} change rows (ordinals)
     * of {@code fromVersion}: a version that was partly published resumes exactly after them.
     * Each version ends with an end-of-version batch (see {@link ChangeBatch}).
     *
     * <p>Checks before returning that the history from {@code fromVersion} is still there and
     * that the change data feed is enabled at {@code fromVersion}; a version in the range that
     * disables it fails (with a {@link io.deltabridge.core.error.DataException}) when the read
     * reaches it, after the versions before it.
     *
     * @throws IllegalArgumentException if {@code toVersionInclusive < fromVersion} or the skip is negative
     */
    public CloseableIterator<ChangeBatch> read(
            long fromVersion, long toVersionInclusive, long skipChangesInFirstVersion) {
        if (fromVersion < 0 || toVersionInclusive < fromVersion || skipChangesInFirstVersion < 0) {
            throw new IllegalArgumentException(String.format(
                    "Invalid change feed range: versions %d to %d, skipping %d",
                    fromVersion, toVersionInclusive, skipChangesInFirstVersion));
        }
        long latestVersion = latestVersion();
        if (toVersionInclusive > latestVersion) {
            throw ChangeFeedErrors.versionNotCommitted(tableUri, toVersionInclusive, latestVersion);
        }
        VersionState start = VersionState.of(engine, startSnapshot(fromVersion));
        if (!start.changeDataFeedEnabled()) {
            throw ChangeFeedErrors.notEnabledAt(tableUri, fromVersion, earliestReadableIfAny());
        }
        return changes(start, fromVersion, toVersionInclusive, skipChangesInFirstVersion);
    }

    /**
     * The change rows of one version that {@link #read} is reading, again from its first one (with its end-of-version
     * batch). Uses this feed's table and engine only, not its latest snapshot: the thread that consumes a read may call
     * it while another thread polls this feed.
     */
    public CloseableIterator<ChangeBatch> readAgain(long version) {
        return changes(VersionState.of(engine, startSnapshot(version)), version, version, 0);
    }

    private CloseableIterator<ChangeBatch> changes(
            VersionState start, long fromVersion, long toVersionInclusive, long skipChangesInFirstVersion) {
        CloseableIterator<CommitActions> commits;
        try {
            commits = KernelInternals.changeFeedActions(
                    engine, TableAccess.commitRange(engine, tableUri, fromVersion, toVersionInclusive));
        } catch (StartVersionNotFoundException | CommitRangeNotFoundException e) {
            throw ChangeFeedErrors.historyGone(tableUri, fromVersion, earliestReadableIfAny(), e);
        } catch (RuntimeException e) {
            throw TableAccess.translate(engine, tableUri, e);
        }
        return new ChangeFeedIterator(engine, this, start, commits, fromVersion, skipChangesInFirstVersion);
    }

    /**
     * Fails (a {@link io.deltabridge.core.error.DataException} naming the version to restart from) when the data of
     * versions {@code fromVersion..toVersionInclusive} cannot all be read in the schema of the last one, as Spark's
     * {@code table_changes} does: a column renamed, dropped or given another type in between. {@link #read} itself
     * gives each version's rows in that version's schema; a reader that presents them in the last schema checks first.
     */
    public void requireReadableInSchemaOf(long fromVersion, long toVersionInclusive) {
        if (toVersionInclusive > fromVersion) {
            ReadSchemaCheck.check(
                    tableUri,
                    fromVersion,
                    toVersionInclusive,
                    startSnapshot(fromVersion).getSchema(),
                    metadataChanges(fromVersion + 1, toVersionInclusive));
        }
    }

    /** The snapshot a read starts from; when it cannot be built because log cleanup removed its history, says so. */
    private Snapshot startSnapshot(long version) {
        try {
            return TableAccess.snapshotAt(engine, tableUri, version);
        } catch (BridgeException e) {
            throw e;
        } catch (RuntimeException e) {
            long earliest;
            try {
                earliest = KernelInternals.earliestRecreatableVersion(engine, tableUri);
            } catch (RuntimeException notListable) {
                e.addSuppressed(notListable);
                throw TableAccess.translate(engine, tableUri, e);
            }
            if (version < earliest) {
                throw ChangeFeedErrors.historyGone(tableUri, version, earliestReadableIfAny(), e);
            }
            throw TableAccess.translate(engine, tableUri, e);
        }
    }

    /** For error messages: where the feed could start, if anywhere. */
    private OptionalLong earliestReadableIfAny() {
        try {
            return OptionalLong.of(earliestReadableVersion());
        } catch (BridgeException e) {
            return OptionalLong.empty();
        }
    }

    private Snapshot refreshLatestSnapshot() {
        latest = TableAccess.latestSnapshot(engine, tableUri);
        latestCommit = TableAccess.commitFile(engine, tableUri, latest.getVersion());
        return latest;
    }
}
