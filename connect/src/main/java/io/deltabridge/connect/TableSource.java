package io.deltabridge.connect;

import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.error.Problem;
import io.deltabridge.d2k.ChangeEventFeed;
import io.deltabridge.d2k.TableState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One table of a source task: reads its change feed from the stored position and turns the events into
 * source records, each carrying the position after it. A batch never spans two versions, so that the task can
 * end a transaction at each version's end (and inside a version too large for one, between change rows).
 */
final class TableSource implements AutoCloseable {
    /** How long a poll waits for the next encoded chunk before handing over what it has. */
    private static final Duration CHUNK_WAIT = Duration.ofMillis(200);

    private final DeltaToKafkaMapping mapping;
    private final ChangeEventFeed feed;
    private final Map<String, String> partition;
    private final ConnectHeadersOfEvents headers = new ConnectHeadersOfEvents();
    private SourcePosition position;
    private ChangeEventFeed.Events events;
    private TableState reading;
    private long eventsInTransaction;

    TableSource(DeltaToKafkaMapping mapping, ChangeEventFeed feed, SourcePosition stored) {
        this.mapping = mapping;
        this.feed = feed;
        this.partition = SourcePosition.partition(feed.tableUri());
        TableState latest = feed.latest();
        this.position = stored != null ? stored : new SourcePosition(latest.tableId(), feed.startingVersion(), 0);
        requireSameTable(latest);
    }

    /** What {@link #poll} produced: records, and whether the transaction ends after them. */
    record Batch(List<? extends SourceRecord> records, boolean endsTransaction) {
        static final Batch EMPTY = new Batch(List.of(), false);
    }

    /** Up to {@code max} records of one version; an empty batch when the table has nothing new. */
    Batch poll(int max) {
        if (events == null) {
            TableState latest = feed.latest();
            requireSameTable(latest);
            if (position.version() > latest.version()) {
                return Batch.EMPTY;
            }
            reading = latest;
            events = feed.events(position.version(), position.ordinal(), latest);
        }
        ArrayList<FeedRecord> records = new ArrayList<>();
        ChangeEventFeed.Event last = null;
        // a batch ends between change rows: with one transaction per poll, a debezium delete and its tombstone
        // (one change row) are never split over two transactions
        while (last != null && !last.lastOfRow()
                || records.size() < max && (records.isEmpty() || events.awaitNext(CHUNK_WAIT))) {
            if (!events.hasNext()) {
                closeEvents();
                return new Batch(records, false);
            }
            ChangeEventFeed.Event event = events.next();
            if (event.endOfVersion()) {
                position = new SourcePosition(reading.tableId(), event.version() + 1, 0);
                boolean ends = eventsInTransaction > 0 || !records.isEmpty();
                eventsInTransaction = 0;
                if (!records.isEmpty()) {
                    // the version's last record says the version is done
                    records.set(
                            records.size() - 1, records.get(records.size() - 1).at(position));
                }
                return new Batch(records, ends);
            }
            if (last != null && last.version() != event.version()) {
                throw new IllegalStateException("a version ended without its end-of-version marker");
            }
            position = new SourcePosition(
                    reading.tableId(), event.version(), event.lastOfRow() ? event.ordinal() + 1 : event.ordinal());
            records.add(new FeedRecord(
                    partition, position, mapping.topic(), event.key(), event.value(), headers.of(event.headers())));
            eventsInTransaction++;
            last = event;
            // a version with more events than one transaction should hold: split between change rows
            if (event.lastOfRow() && eventsInTransaction >= mapping.maxRecordsPerTransaction()) {
                eventsInTransaction = 0;
                return new Batch(records, true);
            }
        }
        return new Batch(records, false);
    }

    private void requireSameTable(TableState latest) {
        if (!latest.tableId().equals(position.tableId())) {
            throw Problem.of("The table %s is not the table the connector published from", feed.tableUri())
                    .because(
                            "its id is %s, the stored position belongs to table id %s (the table was recreated)",
                            latest.tableId(), position.tableId())
                    .fix("publish the new table with a new connector name (or delete the connector's offsets)")
                    .config();
        }
    }

    private void closeEvents() {
        if (events != null) {
            events.close();
            events = null;
        }
    }

    /** Whether a read of new versions is under way (the next poll continues it without waiting). */
    boolean reading() {
        return events != null;
    }

    @Override
    public void close() {
        closeEvents();
    }
}
