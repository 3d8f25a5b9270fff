package io.deltabridge.d2k;

import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.lineage.LineageHeaders;
import io.deltabridge.core.pipeline.PipelineListener;
import java.io.IOException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes change feed versions in Kafka transactions, each with the progress record it
 * completes: one transaction per version, or several for a version with more than
 * {@code maxRecordsPerTransaction} events or that takes longer to read than a third of
 * {@code transaction.timeout.ms}. Keeps the resume position in step with what is committed.
 */
final class VersionPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(VersionPublisher.class);

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

    VersionPublisher(String bridge, DeltaToKafkaMapping mapping, String tableUri, ChangeStream changes,
            ProgressStore progressStore, PipelineListener listener, PublisherMetrics metrics, StopSignal stop,
            TransactionalProducer producer, boolean topicIsCompacted, VersionLineage lineage) {
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
            try (EventChunks chunks =
                    changes.events(resumeVersion, latest.version(), resumeOrdinal, latest)) {
                new VersionLoop(latest).run(chunks);
            } catch (IOException e) {
                throw Problem.of("Closing the change feed reader of %s failed", tableUri).because("%s", e.getMessage())
                        .fix("check the storage of the table").runtime(e);
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
            commit(Progress.completed(latest.version(), latest.tableId(), latest.commitTimestamp()), 0);
        }
    }

    private void commit(Progress progress, long events) {
        metrics.commitLatency.record(() -> producer.commit(progressStore.record(progress)));
        committed = progress;
        metrics.transactions.increment();
        metrics.recordsPublished.increment(events);
        metrics.currentVersion.set(progress.version());
        if (events > 0) {
            metrics.published(progress.commitTimestamp());
            listener.onVersionPublished(mapping.name(), progress.version(), events);
        }
    }

    /** Sends the events of one pass over the change feed, one transaction per version (or part of one). */
    private final class VersionLoop {
        private final TableState latest;
        private final LineageHeaders.Encoder headerEncoder;
        private LineageHeaders.VersionHeaders headers;
        private long version = -1;
        private long commitTimestamp;
        private long eventsInTransaction;
        private long eventsInVersion;
        private long bytesInVersion;
        private long lastOrdinal = -1;

        VersionLoop(TableState latest) {
            this.latest = latest;
            String contentType = mapping.format() == Format.AVRO
                    ? LineageHeaders.CONTENT_TYPE_AVRO : LineageHeaders.CONTENT_TYPE_JSON;
            this.headerEncoder = LineageHeaders.encoder(bridge, mapping.name(), tableUri, contentType);
        }

        void run(EventChunks chunks) {
            while (true) {
                if (stop.requested()) {
                    abortIfOpen();
                    return;
                }
                // a slow read must not keep a transaction open until the coordinator aborts it
                if (eventsInTransaction > 0 && !chunks.awaitNext(producer.untilSplit())) {
                    commitPart();
                    continue;
                }
                if (!chunks.hasNext()) {
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
                    endVersion(chunk.commitTimestamp);
                } else {
                    if (eventsInVersion == 0) {
                        lineage.versionStarted(latest);
                    }
                    send(chunk);
                }
            }
        }

        private void send(EventChunk chunk) {
            for (int i = 0; i < chunk.size; i++) {
                long ordinal = chunk.ordinals[i];
                // split only between change rows (a debezium delete is an event and its tombstone), and
                // resume right after the last row sent, so that a pre-image in between is read again
                boolean full = eventsInTransaction >= mapping.maxRecordsPerTransaction() || producer.splitDue();
                if (full && eventsInTransaction > 0 && ordinal != lastOrdinal) {
                    commitPart();
                }
                byte[] key = chunk.keys[i];
                byte[] value = chunk.values[i];
                if (key == null && topicIsCompacted) {
                    throw nullKey(ordinal);
                }
                producer.beginIfNeeded();
                producer.send(new ProducerRecord<>(mapping.topic(), null, null, key, value,
                        headers.of(chunk.kinds[i], ordinal)), version, ordinal);
                eventsInTransaction++;
                eventsInVersion++;
                lastOrdinal = ordinal;
                long bytes = (long) (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
                bytesInVersion += bytes;
                metrics.bytesPublished.increment(bytes);
            }
        }

        /** Kafka would reject the record, and every run again: stop before sending it. */
        private RuntimeException nullKey(long ordinal) {
            return Problem.of("Mapping '%s': change row %d of version %d of %s has a null key %s", mapping.name(),
                            ordinal, version, tableUri, mapping.key())
                    .because("the topic '%s' is compacted (cleanup.policy=compact) and rejects records without key",
                            mapping.topic())
                    .fix("make the key column(s) %s non-null in the table, use key-format json (it encodes the null),"
                            + " or publish to a topic that is not compacted", mapping.key())
                    .data();
        }

        /**
         * A version too large or too slow for one transaction: commit what is sent, with the
         * position inside the version.
         */
        private void commitPart() {
            commit(Progress.partial(version, lastOrdinal + 1, latest.tableId(), commitTimestamp), eventsInTransaction);
            eventsInTransaction = 0;
            resumeVersion = version;
            resumeOrdinal = lastOrdinal + 1;
        }

        private void endVersion(long commitTimestamp) {
            if (eventsInTransaction > 0) {
                commit(Progress.completed(version, latest.tableId(), commitTimestamp), eventsInTransaction);
                eventsInTransaction = 0;
            }
            if (eventsInVersion > 0) {
                metrics.versionsPublished.increment();
                lineage.versionPublished(version, eventsInVersion, bytesInVersion);
                eventsInVersion = 0;
                bytesInVersion = 0;
            }
            resumeVersion = version + 1;
            resumeOrdinal = 0;
        }

        private void abortIfOpen() {
            lineage.aborted();
            if (producer.abortIfOpen()) {
                LOG.info("Mapping {} stopped inside version {}: its open transaction was aborted", mapping.name(),
                        version);
            }
        }
    }
}
