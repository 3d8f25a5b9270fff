package io.deltabridge.d2k.changefeed;

import io.delta.kernel.CommitActions;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.vector.Batches;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Walks the commits of a range and streams their change rows: one commit's actions are read
 * (file names only), then its files one by one, then an end-of-version batch.
 */
final class ChangeFeedIterator implements CloseableIterator<ChangeBatch> {
    private final Engine engine;
    private final ChangeFeed feed;
    private final CloseableIterator<CommitActions> commits;
    private final long fromVersion;
    private final long skipInFirstVersion;

    private VersionState state;
    private long version = -1;
    private long commitTimestamp;
    private Iterator<FileRead> reads;
    private OrdinalCursor ordinals;
    private FileChangeReader file;
    private boolean versionOpen;
    private ChangeBatch pending;

    ChangeFeedIterator(
            Engine engine,
            ChangeFeed feed,
            VersionState startState,
            CloseableIterator<CommitActions> commits,
            long fromVersion,
            long skipInFirstVersion) {
        this.engine = engine;
        this.feed = feed;
        this.state = startState;
        this.commits = commits;
        this.fromVersion = fromVersion;
        this.skipInFirstVersion = skipInFirstVersion;
    }

    @Override
    public boolean hasNext() {
        if (pending == null) {
            try {
                pending = advance();
            } catch (BridgeException e) {
                throw e;
            } catch (RuntimeException e) {
                throw TableAccess.translate(engine, feed.tableUri(), e);
            }
        }
        return pending != null;
    }

    @Override
    public ChangeBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ChangeBatch batch = pending;
        pending = null;
        return batch;
    }

    private ChangeBatch advance() {
        while (true) {
            if (file != null) {
                ChangeBatch batch = file.next();
                if (batch != null) {
                    return batch;
                }
                closeFile();
            } else if (versionOpen && reads.hasNext()) {
                FileRead read = reads.next();
                if (!ordinals.skipsWhole(read.knownChangeCount())) {
                    file = new FileChangeReader(engine, state, read, version, commitTimestamp, ordinals);
                }
            } else if (versionOpen) {
                versionOpen = false;
                return new ChangeBatch(
                        version,
                        commitTimestamp,
                        state.schema(),
                        Batches.empty(state.schema()),
                        new int[0],
                        0,
                        ordinals.next(),
                        RowChangeTypes.constant(ChangeType.INSERT),
                        true);
            } else if (commits.hasNext()) {
                openVersion(commits.next());
            } else {
                return null;
            }
        }
    }

    private void openVersion(CommitActions commit) {
        KernelInternals.CommitContents contents;
        try (commit) {
            version = commit.getVersion();
            commitTimestamp = commit.getTimestamp();
            contents = KernelInternals.readCommit(commit);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot read commit " + version + " of " + feed.tableUri() + ": " + e.getMessage(), e);
        }
        if (contents.metadataChanged && !contents.changeDataFeedEnabled) {
            throw ChangeFeedErrors.disabledInRange(feed.tableUri(), version, fromVersion);
        }
        if ((contents.metadataChanged || contents.protocolChanged) && version != state.version()) {
            state = VersionState.of(engine, TableAccess.snapshotAt(engine, feed.tableUri(), version));
        }
        List<FileRead> plan = VersionPlanner.plan(contents);
        reads = plan.iterator();
        ordinals = new OrdinalCursor(version == fromVersion ? skipInFirstVersion : 0);
        versionOpen = true;
    }

    private void closeFile() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            file = null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (file != null) {
                file.close();
                file = null;
            }
        } finally {
            commits.close();
        }
    }
}
