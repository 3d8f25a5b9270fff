package io.deltabridge.d2k;

import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.lineage.LineageHeaders;
import io.deltabridge.core.pipeline.PipelineListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes change feed versions in Kafka transactions, each with the progress record it
 * completes. Consecutive versions of at most {@link #GROUP_VERSION_MAX_EVENTS} events share a transaction (a
 * backfill of many small versions would otherwise pay a commit per version) until it holds {@code maxRecordsPerTransaction} events,
 * {@link #GROUP_MAX_BYTES} or has been open for {@link #GROUP_MAX_TIME}, or until the versions read
 * so far are all sent; its progress record names the last version in it. A version with more than
 * {@code maxRecordsPerTransaction} events, or that takes longer to read than a third of
 * {@code transaction.timeout.ms}, is split into several. Keeps the resume position in step with
 * what is committed.
 */
final class VersionPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(VersionPublisher.class);
    /** How long versions keep joining one transaction: read_committed consumers see a backfill once a second. */
    static final Duration GROUP_MAX_TIME = Duration.ofSeconds(1);
    /** A version with more events has a transaction of its own (and they are held in memory until known). */
    static final int GROUP_VERSION_MAX_EVENTS = 10_000;
    /** The bytes (keys and values) after which no further version joins the transaction. */
    static final long GROUP_MAX_BYTES = 32L << 20;

    private final String bridge;
    private final DeltaToKafkaMapping mapping;
    private final String tableUri;
    private final ChangeStream changes;
    private final ProgressStore progressStore;
    private final PipelineListener listener;
    private final PublisherMetrics metrics;
    private final StopSignal stop;
    private final TransactionalProducer producer;
    private final boolean topicIsCompacted;
    private final VersionLineage lineage;

    private Progress committed;
    private long resumeVersion;
    private long resumeOrdinal;

    VersionPublisher(
            String bridge,
            DeltaToKafkaMapping mapping,
            String tableUri,
            ChangeStream changes,
            ProgressStore progressStore,
            PipelineListener listener,
            PublisherMetrics metrics,
            StopSignal stop,
            TransactionalProducer producer,
            boolean topicIsCompacted,
            VersionLineage lineage) {
        this.bridge = bridge;
        this.mapping = mapping;
        this.tableUri = tableUri;
        this.changes = changes;
        this.progressStore = progressStore;
        this.listener = listener;
        this.metrics = metrics;
        this.stop = stop;
        this.producer = producer;
        this.topicIsCompacted = topicIsCompacted;
        this.lineage = lineage;
    }

    void resumeAt(ResumePositionResolver.Position position) {
        committed = position.committed();
        resumeVersion = position.version();
        resumeOrdinal = position.ordinal();
        metrics.currentVersion.set(resumeVersion - 1);
    }

    /** Whether {@code latest} holds versions this publisher has not published yet. */
    boolean behind(TableState latest) {
        return resumeVersion <= latest.version();
    }

    /** Publishes everything from the resume position through {@code latest}. */
    void publishUpTo(TableState latest) {
        if (resumeVersion <= latest.version()) {
            try (EventChunks chunks = changes.events(resumeVersion, latest.version(), resumeOrdinal, latest)) {
                new VersionLoop(latest).run(chunks);
            } catch (IOException e) {
                throw Problem.of("Closing the change feed reader of %s failed", tableUri)
                        .because("%s", e.getMessage())
                        .fix("check the storage of the table")
                        .runtime(e);
            }
            if (stop.requested()) {
                return;
            }
        }
        // versions without events (OPTIMIZE, metadata, filtered changes) still move the position,
        // and a fresh 'starting-version: latest' is pinned so that a later run does not skip ahead
        if (resumeVersion == latest.version() + 1
                && (committed == null || committed.version() < latest.version() || !committed.complete())) {
            producer.beginIfNeeded();
            commit(Progress.completed(latest.version(), latest.tableId(), latest.commitTimestamp()));
        }
    }

    private void commit(Progress progress) {
        metrics.commitLatency.record(() -> producer.commit(progressStore.record(progress)));
        committed = progress;
        resumeVersion = progress.resumeVersion();
        resumeOrdinal = progress.resumeOrdinal();
        metrics.transactions.increment();
        metrics.currentVersion.set(progress.version());
    }

    /**
     * Sends the events of one pass over the change feed: consecutive versions in one transaction, each
     * version in one transaction unless it is too large or too slow for one.
     */
    private final class VersionLoop {
        private final TableState latest;
        private final LineageHeaders.Encoder headerEncoder;
        private LineageHeaders.VersionHeaders headers;
        private long version = -1;
        private long commitTimestamp;
        private long lastOrdinal = -1;
        private long eventsInVersion;
        private long bytesInVersion;
        /** The open transaction: its events and bytes, the versions ended in it, the events of {@code version} in it. */
        private long eventsInTransaction;

        private long bytesInTransaction;
        private final List<EndedVersion> ended = new ArrayList<>();
        private long versionEventsInTransaction;
        /** The first chunks of a version, not sent until it is known whether the version is small. */
        private final List<EventChunk> held = new ArrayList<>();

        private long heldEvents;

        VersionLoop(TableState latest) {
            this.latest = latest;
            this.headerEncoder = LineageHeaders.encoder(bridge, mapping, tableUri);
        }

        void run(EventChunks chunks) {
            while (true) {
                if (stop.requested()) {
                    abortIfOpen();
                    return;
                }
                // a slow read must not keep a transaction open until the coordinator aborts it, nor keep
                // the versions already sent from read_committed consumers for long
                if (eventsInTransaction > 0 && !chunks.awaitNext(untilCommitDue())) {
                    commitOpen();
                    continue;
                }
                if (!chunks.hasNext()) {
                    if (eventsInTransaction > 0) {
                        commitOpen();
                    }
                    return;
                }
                EventChunk chunk = chunks.next();
                if (chunk.version != version) {
                    version = chunk.version;
                    commitTimestamp = chunk.commitTimestamp;
                    headers = headerEncoder.forVersion(latest.tableId(), version, chunk.commitTimestamp);
                    lastOrdinal = -1;
                }
                if (chunk.endOfVersion) {
                    if (!held.isEmpty()) {
                        release(true);
                    }
                    endVersion(chunk.commitTimestamp);
                } else if (!held.isEmpty() || eventsInVersion == 0 && eventsInTransaction > 0) {
                    // a version joins the versions in the transaction only once it is known to be small
                    held.add(chunk);
                    heldEvents += chunk.size;
                    if (heldEvents > GROUP_VERSION_MAX_EVENTS) {
                        release(false);
                    }
                } else {
                    if (eventsInVersion == 0) {
                        lineage.versionStarted(latest);
                    }
                    send(chunk);
                }
            }
        }

        /**
         * Sends the held chunks of a version. Only a whole small version that fits shares the transaction
         * of the versions before it; a larger one, which may be split, and one that stops the mapping (a
         * null key) start a transaction of their own, so that the versions before them are published.
         */
        private void release(boolean wholeVersion) {
            boolean joins = wholeVersion
                    && eventsInTransaction + heldEvents <= mapping.maxRecordsPerTransaction()
                    && !(topicIsCompacted && held.stream().anyMatch(VersionLoop::hasNullKey));
            if (!joins && eventsInTransaction > 0) {
                commitOpen();
            }
            lineage.versionStarted(latest);
            held.forEach(this::send);
            held.clear();
            heldEvents = 0;
        }

        /** Inside a version only the transaction timeout splits it; between versions the group's time limit too. */
        private Duration untilCommitDue() {
            return versionEventsInTransaction > 0 ? producer.untilSplit() : producer.untilSplit(GROUP_MAX_TIME);
        }

        private static boolean hasNullKey(EventChunk chunk) {
            for (int i = 0; i < chunk.size; i++) {
                if (chunk.keys[i] == null) {
                    return true;
                }
            }
            return false;
        }

        private void send(EventChunk chunk) {
            for (int i = 0; i < chunk.size; i++) {
                long ordinal = chunk.ordinals[i];
                // split only between change rows (a debezium delete is an event and its tombstone), and
                // resume right after the last row sent, so that a pre-image in between is read again
                boolean full = eventsInTransaction >= mapping.maxRecordsPerTransaction() || producer.splitDue();
                if (full && eventsInTransaction > 0 && ordinal != lastOrdinal) {
                    commitOpen();
                }
                byte[] key = chunk.keys[i];
                byte[] value = chunk.values[i];
                if (key == null && topicIsCompacted) {
                    throw nullKey(ordinal);
                }
                producer.beginIfNeeded();
                producer.send(
                        new ProducerRecord<>(
                                mapping.topic(), null, null, key, value, headers.of(chunk.kinds[i], ordinal)),
                        version,
                        ordinal);
                eventsInTransaction++;
                versionEventsInTransaction++;
                eventsInVersion++;
                lastOrdinal = ordinal;
                long bytes = (long) (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
                bytesInTransaction += bytes;
                bytesInVersion += bytes;
                metrics.bytesPublished.increment(bytes);
            }
        }

        /** Kafka would reject the record, and every run again: stop before sending it. */
        private RuntimeException nullKey(long ordinal) {
            return Problem.of(
                            "Mapping '%s': change row %d of version %d of %s has a null key %s",
                            mapping.name(), ordinal, version, tableUri, mapping.key())
                    .because(
                            "the topic '%s' is compacted (cleanup.policy=compact) and rejects records without key",
                            mapping.topic())
                    .fix(
                            "make the key column(s) %s non-null in the table, use key-format json (it encodes the null),"
                                    + " or publish to a topic that is not compacted",
                            mapping.key())
                    .data();
        }

        private void endVersion(long commitTimestamp) {
            EndedVersion done = new EndedVersion(
                    version, commitTimestamp, versionEventsInTransaction, eventsInVersion, bytesInVersion);
            versionEventsInTransaction = 0;
            eventsInVersion = 0;
            bytesInVersion = 0;
            if (eventsInTransaction == 0) {
                // nothing of it is waiting for a commit: no events, or all in the transactions that split it
                published(done);
                resumeVersion = version + 1;
                resumeOrdinal = 0;
                return;
            }
            ended.add(done);
            if (eventsInTransaction >= mapping.maxRecordsPerTransaction()
                    || bytesInTransaction >= GROUP_MAX_BYTES
                    || producer.untilSplit(GROUP_MAX_TIME).isNegative()) {
                commitOpen();
            }
        }

        /**
         * Commits the open transaction, whose progress record names the last version ended in it, or
         * the position inside the version being sent when the transaction splits it.
         */
        private void commitOpen() {
            EndedVersion last = ended.isEmpty() ? null : ended.get(ended.size() - 1);
            commit(
                    versionEventsInTransaction > 0
                            ? Progress.partial(version, lastOrdinal + 1, latest.tableId(), commitTimestamp)
                            : Progress.completed(last.version(), latest.tableId(), last.commitTimestamp()));
            metrics.recordsPublished.increment(eventsInTransaction);
            for (EndedVersion done : ended) {
                committedPart(done.version(), done.commitTimestamp(), done.eventsInTransaction());
                published(done);
            }
            committedPart(version, commitTimestamp, versionEventsInTransaction);
            ended.clear();
            eventsInTransaction = 0;
            bytesInTransaction = 0;
            versionEventsInTransaction = 0;
            if (eventsInVersion > 0) {
                lineage.versionStarted(latest); // the rest of the version being sent: its run starts again
            }
        }

        /** Events of {@code version} committed in the transaction that just ended. */
        private void committedPart(long version, long commitTimestamp, long events) {
            if (events > 0) {
                metrics.published(commitTimestamp);
                listener.onVersionPublished(mapping.name(), version, events);
            }
        }

        /** The last events of a version are committed. */
        private void published(EndedVersion done) {
            if (done.events() > 0) {
                metrics.versionsPublished.increment();
                lineage.versionPublished(done.version(), done.events(), done.bytes());
            }
        }

        private void abortIfOpen() {
            lineage.aborted();
            if (producer.abortIfOpen()) {
                LOG.info(
                        "Mapping {} stopped inside version {}: its open transaction was aborted",
                        mapping.name(),
                        version);
            }
        }
    }

    /**
     * A version whose change rows are all sent, in a transaction not yet committed.
     *
     * @param eventsInTransaction its events in that transaction
     * @param events              all its events, in that transaction and in earlier ones that split it
     */
    private record EndedVersion(
            long version, long commitTimestamp, long eventsInTransaction, long events, long bytes) {}
}
