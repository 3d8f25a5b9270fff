package io.deltabridge.d2k;

import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.StartingVersion;
import java.util.function.Supplier;

/** The change data feed of a Delta table, read and encoded on a thread of its own. */
final class FeedChangeStream implements ChangeStream {
    /**
     * Encoded events waiting for the publisher: about one chunk (an 8192-row batch) of narrow rows, which keeps both
     * threads busy; a bound that does not grow with the width of the rows (a larger chunk goes through alone). More
     * only keeps events alive longer: they outlive young collections and fill the old generation (docs/benchmarks.md,
     * "What the publisher holds": 8 MiB cost 5 % more CPU and a quarter more full collections than 2).
     */
    private static final long PREFETCH_BYTES = 2L << 20;

    private final TableFeed feed;
    private final DeltaToKafkaMapping mapping;
    private final Supplier<EventFormat> formats;

    FeedChangeStream(TableFeed feed, DeltaToKafkaMapping mapping, Supplier<EventFormat> formats) {
        this.feed = feed;
        this.mapping = mapping;
        this.formats = formats;
    }

    @Override
    public TableState latest() {
        return feed.latest();
    }

    @Override
    public long resolveStartingVersion(StartingVersion startingVersion) {
        return feed.resolveStartingVersion(startingVersion);
    }

    @Override
    public EventChunks events(long from, long toInclusive, long skip, TableState latest) {
        EventEncoder encoder = new EventEncoder(
                mapping.envelope(),
                mapping.changes(),
                feed.tableUri(),
                latest.tableId(),
                formats.get(),
                latest.schema(),
                feed::readAgain);
        return new EncodingReader(
                feed.read(from, toInclusive, skip), encoder, PREFETCH_BYTES, "d2k-encoder-" + mapping.name());
    }
}
