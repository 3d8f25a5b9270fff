package io.deltabridge.core.config;

import java.time.Instant;

/** Where a delta → kafka mapping starts when it has no progress yet. */
public sealed interface StartingVersion {
    record Earliest() implements StartingVersion {}

    record Latest() implements StartingVersion {}

    record AtVersion(long version) implements StartingVersion {}

    /** The first version committed at or after this instant. */
    record AtTimestamp(Instant timestamp) implements StartingVersion {}
}
