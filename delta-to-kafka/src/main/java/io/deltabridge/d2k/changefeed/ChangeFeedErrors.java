package io.deltabridge.d2k.changefeed;

import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import java.util.OptionalLong;

/** The errors of reading a change feed, each with problem, cause and fix. */
final class ChangeFeedErrors {
    private static final String ENABLE_SQL =
            "ALTER TABLE <table> SET TBLPROPERTIES (delta.enableChangeDataFeed = true)";

    private ChangeFeedErrors() {}

    /** The start version has no change data; {@code earliestReadable} is where the feed can start, if anywhere. */
    static BridgeException notEnabledAt(String tableUri, long version, OptionalLong earliestReadable) {
        if (earliestReadable.isPresent() && earliestReadable.getAsLong() > version) {
            long n = earliestReadable.getAsLong();
            return Problem.of("The change data feed of %s cannot be read from version %d", tableUri, version)
                    .because(
                            "the change data feed is enabled only from version %d (change data was not recorded for version %d)",
                            n, version)
                    .fix(
                            "start at version %d or later: set 'starting-version: %d' (or 'earliest') on the mapping",
                            n, n)
                    .config();
        }
        return Problem.of("The change data feed is not enabled on %s", tableUri)
                .because(
                        "table property delta.enableChangeDataFeed is not true at version %d, so no change data was recorded",
                        version)
                .fix(
                        "enable it with %s; changes are recorded from the next commit on, then start from that version",
                        ENABLE_SQL)
                .config();
    }

    /** A metaData action inside the range turned the change data feed off. */
    static BridgeException disabledInRange(String tableUri, long version, long fromVersion) {
        return Problem.of("The change data feed of %s cannot be read past version %d", tableUri, version - 1)
                .because(
                        "version %d turned delta.enableChangeDataFeed off, so no change data was recorded from there (reading from version %d)",
                        version, fromVersion)
                .fix(
                        "enable it again with %s and restart the mapping from the version that enables it (reset its progress, set 'starting-version')",
                        ENABLE_SQL)
                .data();
    }

    /** The log no longer has the commits needed to start at {@code version}. */
    static BridgeException historyGone(String tableUri, long version, OptionalLong earliestReadable, Throwable cause) {
        String restart = earliestReadable.isPresent()
                ? String.format(
                        "restart the mapping from version %d, the earliest available: reset its progress and set 'starting-version: %d' (or 'earliest'); the changes of %s can no longer be published",
                        earliestReadable.getAsLong(),
                        earliestReadable.getAsLong(),
                        versions(version, earliestReadable.getAsLong() - 1))
                : "restart the mapping with 'starting-version: latest' after resetting its progress";
        return Problem.of("Version %d of %s is no longer available", version, tableUri)
                .because(
                        "log cleanup (delta.logRetentionDuration) removed the history needed to read the change feed from version %d%s",
                        version,
                        earliestReadable.isPresent()
                                ? "; the earliest readable version is " + earliestReadable.getAsLong()
                                : "")
                .fix("%s; to keep more history, raise delta.logRetentionDuration on the table", restart)
                .data(cause);
    }

    private static String versions(long from, long to) {
        return from == to ? "version " + from : "versions " + from + " to " + to;
    }

    /** The range asks for versions that are not committed yet. */
    static BridgeException versionNotCommitted(String tableUri, long version, long latest) {
        return Problem.of("Version %d of %s does not exist", version, tableUri)
                .because("the latest version is %d", latest)
                .fix("start at or before version %d, or use 'starting-version: latest' to wait for new changes", latest)
                .config();
    }
}
