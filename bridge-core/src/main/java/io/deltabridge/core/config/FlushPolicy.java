package io.deltabridge.core.config;

import java.time.Duration;

/** When kafka → delta commits a batch: whichever limit is reached first. */
public record FlushPolicy(long maxRecords, long maxBytes, Duration maxInterval) {
    public static final FlushPolicy DEFAULT = new FlushPolicy(500_000, 128L << 20, Duration.ofSeconds(30));
}
