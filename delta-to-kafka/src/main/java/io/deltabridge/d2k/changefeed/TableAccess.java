package io.deltabridge.d2k.changefeed;

import io.delta.kernel.CommitRange;
import io.delta.kernel.CommitRangeBuilder.CommitBoundary;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.exceptions.UnsupportedProtocolVersionException;
import io.delta.kernel.exceptions.UnsupportedTableFeatureException;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.deltabridge.core.delta.StorageConnectors;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Loads snapshots and commit ranges of a table and turns Kernel's exceptions into errors a person can act on. */
final class TableAccess {
    private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");

    private TableAccess() {}

    static Snapshot latestSnapshot(Engine engine, String tableUri) {
        try {
            return TableManager.loadSnapshot(tableUri).build(engine);
        } catch (RuntimeException e) {
            throw translate(engine, tableUri, e);
        }
    }

    /** The snapshot at {@code version}; a {@link KernelException} is left to the caller, who knows why the version was asked. */
    static Snapshot snapshotAt(Engine engine, String tableUri, long version) {
        try {
            return TableManager.loadSnapshot(tableUri).atVersion(version).build(engine);
        } catch (TableNotFoundException | UnsupportedTableFeatureException | UnsupportedProtocolVersionException e) {
            throw translate(engine, tableUri, e);
        }
    }

    /**
     * The commit file of {@code version} as listed now, or null when it is not there (one listing
     * of the log from that version; a failed listing gives null, so the caller reloads).
     */
    static FileStatus commitFile(Engine engine, String tableUri, long version) {
        String name = String.format("%020d.json", version);
        try (CloseableIterator<FileStatus> files =
                engine.getFileSystemClient().listFrom(tableUri + "/_delta_log/" + name)) {
            while (files.hasNext()) {
                FileStatus file = files.next();
                if (file.getPath().endsWith("/" + name)) {
                    return file;
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether the log changed since {@code seen}, the commit file of {@code version}: a commit file
     * after it exists, or it is gone or rewritten (the table was deleted and recreated). One listing;
     * a failed listing says yes, so the caller reloads.
     */
    static boolean changedSince(Engine engine, String tableUri, long version, FileStatus seen) {
        String name = String.format("%020d.json", version);
        try (CloseableIterator<FileStatus> files =
                engine.getFileSystemClient().listFrom(tableUri + "/_delta_log/" + name)) {
            boolean seenIsThere = false;
            while (files.hasNext()) {
                FileStatus file = files.next();
                String fileName = file.getPath().substring(file.getPath().lastIndexOf('/') + 1);
                if (fileName.equals(name)) {
                    seenIsThere = seen != null
                            && file.getSize() == seen.getSize()
                            && file.getModificationTime() == seen.getModificationTime();
                } else if (COMMIT_FILE.matcher(fileName).matches() && fileName.compareTo(name) > 0) {
                    return true;
                }
            }
            return !seenIsThere;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    static CommitRange commitRange(Engine engine, String tableUri, long fromVersion, long toVersionInclusive) {
        return TableManager.loadCommitRange(tableUri, CommitBoundary.atVersion(fromVersion))
                .withEndBoundary(CommitBoundary.atVersion(toVersionInclusive))
                .build(engine);
    }

    /** The error to report for a Kernel failure while reading the table. */
    static RuntimeException translate(Engine engine, String tableUri, Exception e) {
        if (e instanceof TableNotFoundException) {
            if (exists(engine, tableUri)) {
                return Problem.of("%s is not a Delta table", tableUri)
                        .because("it has no _delta_log directory with commits")
                        .fix("point 'from.delta' at the table's root directory (the one that contains _delta_log)")
                        .config(e);
            }
            return Problem.of("Delta table not found at %s", tableUri)
                    .because("the location does not exist")
                    .fix("check the 'from.delta' path or URI and the storage settings under 'delta:'")
                    .config(e);
        }
        if (e instanceof UnsupportedTableFeatureException u) {
            return Problem.of(
                            "Delta table %s uses table features this bridge cannot read: %s",
                            tableUri, u.getUnsupportedFeatures())
                    .because("its Delta Kernel does not support them (%s)", e.getMessage())
                    .fix("use a deltabridge release with a newer Delta Kernel, or drop the feature from the table")
                    .config(e);
        }
        if (e instanceof UnsupportedProtocolVersionException) {
            return Problem.of("Delta table %s needs a newer Delta reader", tableUri)
                    .because("%s", e.getMessage())
                    .fix("use a deltabridge release with a newer Delta Kernel")
                    .config(e);
        }
        if (e instanceof BridgeException b) {
            return b;
        }
        Optional<BridgeException> noConnector = StorageConnectors.missing(tableUri, e);
        if (noConnector.isPresent()) {
            return noConnector.get();
        }
        Throwable root = StorageConnectors.answer(e);
        return Problem.of("Could not read the Delta log of %s", tableUri)
                .because("%s", root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")")
                .fix("check that the storage is reachable and the credentials under 'delta:' are valid")
                .runtime(e);
    }

    private static boolean exists(Engine engine, String tableUri) {
        try {
            engine.getFileSystemClient().getFileStatus(tableUri);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
