package io.deltabridge.d2k;

import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.delta.TableUris;
import io.deltabridge.core.lineage.LineageHeaders;
import io.deltabridge.core.pipeline.BridgeContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.NoSuchElementException;
import org.apache.kafka.common.header.Headers;

/**
 * A mapping's change feed as the events {@code bridge run} publishes (same reader, encoder and
 * lineage headers), for a runtime that publishes them with its own producer and keeps its own
 * position: the Kafka Connect source connector. Positions are (version, ordinal of the change row
 * inside the version), as in the progress records.
 */
public final class ChangeEventFeed {
    private final DeltaToKafkaMapping mapping;
    private final String tableUri;
    private final ChangeStream changes;
    private final TableMappingCheck check;
    private final LineageHeaders.Encoder lineage;

    private ChangeEventFeed(BridgeContext context, DeltaToKafkaMapping mapping) {
        this.mapping = mapping;
        this.tableUri = TableUris.normalize(mapping.table());
        this.changes = new FeedChangeStream(
                new TableFeed(context.deltaEngine(), tableUri),
                mapping,
                () -> EventFormats.create(mapping, tableUri, context.schemaRegistry()));
        this.check = new TableMappingCheck(mapping, context.config().source(), tableUri);
        this.lineage = LineageHeaders.encoder(context.config().name(), mapping, tableUri);
    }

    public static ChangeEventFeed open(BridgeContext context, DeltaToKafkaMapping mapping) {
        return new ChangeEventFeed(context, mapping);
    }

    /** The table URI as the lineage headers name it. */
    public String tableUri() {
        return tableUri;
    }

    /** The latest version, checked against the mapping (key columns, change feed on): a config error if it does not fit. */
    public TableState latest() {
        TableState latest = changes.latest();
        check.check(latest);
        return latest;
    }

    /** The first version to read when there is no stored position ({@code starting-version}). */
    public long startingVersion() {
        return changes.resolveStartingVersion(mapping.startingVersion());
    }

    /** The events of versions {@code from..latest}, skipping the first {@code skip} change rows of {@code from}. */
    public Events events(long from, long skip, TableState latest) {
        return new Events(changes.events(from, latest.version(), skip, latest), latest.tableId());
    }

    /**
     * One event, or (with {@code endOfVersion}) the end of a version's events.
     *
     * @param lastOfRow whether the next event belongs to another change row (a debezium delete is an event and
     *                  its tombstone): resuming after this event means resuming at {@code ordinal + 1}
     */
    public record Event(
            long version,
            long ordinal,
            boolean endOfVersion,
            boolean lastOfRow,
            byte[] key,
            byte[] value,
            Headers headers) {}

    /** Events as they are read and encoded on a thread of their own. */
    public final class Events implements AutoCloseable {
        private final EventChunks chunks;
        private final String tableId;
        private EventChunk chunk;
        private LineageHeaders.VersionHeaders headers;
        private long headersVersion = -1;
        private int index;

        private Events(EventChunks chunks, String tableId) {
            this.chunks = chunks;
            this.tableId = tableId;
        }

        /** Whether the next event (or the end) is ready within {@code timeout}. */
        public boolean awaitNext(Duration timeout) {
            return inChunk() || chunks.awaitNext(timeout);
        }

        public boolean hasNext() {
            while (!inChunk()) {
                if (!chunks.hasNext()) {
                    return false;
                }
                chunk = chunks.next();
                index = 0;
                if (!chunk.endOfVersion && chunk.version != headersVersion) {
                    headers = lineage.forVersion(tableId, chunk.version, chunk.commitTimestamp);
                    headersVersion = chunk.version;
                }
            }
            return true;
        }

        private boolean inChunk() {
            return chunk != null && (index < chunk.size || chunk.endOfVersion && index == 0);
        }

        public Event next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (chunk.endOfVersion) {
                index++;
                return new Event(chunk.version, chunk.nextOrdinal, true, true, null, null, null);
            }
            int i = index++;
            long ordinal = chunk.ordinals[i];
            boolean lastOfRow = i + 1 >= chunk.size || chunk.ordinals[i + 1] != ordinal;
            return new Event(
                    chunk.version,
                    ordinal,
                    false,
                    lastOfRow,
                    chunk.keys[i],
                    chunk.values[i],
                    headers.of(chunk.kinds[i], ordinal));
        }

        @Override
        public void close() {
            try {
                chunks.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
