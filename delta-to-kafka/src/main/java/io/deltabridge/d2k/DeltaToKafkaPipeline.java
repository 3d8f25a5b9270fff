package io.deltabridge.d2k;

import io.deltabridge.core.config.ConfigSource;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.KeyFormat;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.lineage.LineageHeaders;
import io.deltabridge.core.pipeline.Pipeline;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.pipeline.PipelineMetrics;
import io.deltabridge.core.pipeline.PipelineStatus;
import io.deltabridge.core.pipeline.Plan;
import io.deltabridge.core.pipeline.RunSummary;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a Delta table's change feed to a Kafka topic, exactly once (SPEC §4): each
 * version's events and the mapping's progress record go into one Kafka transaction (several
 * for a version with more than {@code maxRecordsPerTransaction} events), under
 * {@code transactional.id = <bridge>.<mapping>}; on start the progress topic says where to
 * resume. Create it with {@link DeltaToKafka#builder()} or through {@link DeltaToKafkaProvider}.
 */
public final class DeltaToKafkaPipeline implements Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaToKafkaPipeline.class);

    private final String bridge;
    private final DeltaToKafkaMapping mapping;
    private final ConfigSource configSource;
    private final String tableUri;
    private final KafkaClientFactory kafka;
    private final ChangeStream changes;
    private final PipelineListener listener;
    private final ProgressStore progressStore;
    private final PublisherMetrics metrics = new PublisherMetrics();
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

    /** Held while a run is in progress, so that {@link #close()} waits for it to end cleanly. */
    private final ReentrantLock running = new ReentrantLock();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicReference<Exception> sendError = new AtomicReference<>();
    private final Callback sendCallback = this::onSendCompleted;

    private Producer<byte[], byte[]> producer;
    private boolean transactionOpen;
    private Progress committed;
    private long resumeVersion;
    private long resumeOrdinal;

    DeltaToKafkaPipeline(String bridge, DeltaToKafkaMapping mapping, ConfigSource configSource, String tableUri,
            KafkaClientFactory kafka, String progressTopic, ChangeStream changes,
            PipelineListener listener) {
        this.bridge = bridge;
        this.mapping = mapping;
        this.configSource = configSource;
        this.tableUri = tableUri;
        this.kafka = kafka;
        this.changes = changes;
        this.listener = listener;
        this.progressStore = new ProgressStore(kafka, progressTopic, bridge, mapping.name());
    }

    @Override
    public DeltaToKafkaMapping mapping() {
        return mapping;
    }

    /** {@code <bridge>.<mapping>}. */
    public String transactionalId() {
        return bridge + "." + mapping.name();
    }

    @Override
    public RunSummary runOnce() {
        return run(false);
    }

    @Override
    public RunSummary runContinuously() {
        return run(true);
    }

    @Override
    public void stop() {
        stopRequested.countDown();
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    private RunSummary run(boolean continuously) {
        if (!running.tryLock()) {
            throw new IllegalStateException("mapping '" + mapping.name() + "' is already running");
        }
        long startNanos = System.nanoTime();
        long versions0 = metrics.versionsPublished.sum();
        long records0 = metrics.recordsPublished.sum();
        long bytes0 = metrics.bytesPublished.sum();
        try {
            boolean idle = !continuously && producer == null && upToDate();
            if (!idle) {
                if (producer == null) {
                    start();
                }
                do {
                    TableState latest = changes.latest();
                    metrics.latestVersion.accumulateAndGet(latest.version(), Math::max);
                    publishUpTo(latest);
                } while (continuously && !awaitStop(mapping.pollInterval()));
            }
            return new RunSummary(mapping.name(), metrics.versionsPublished.sum() - versions0,
                    metrics.recordsPublished.sum() - records0, metrics.bytesPublished.sum() - bytes0, 0,
                    Duration.ofNanos(System.nanoTime() - startNanos));
        } catch (RuntimeException e) {
            RuntimeException failure = translate(e);
            abortQuietly();
            closeProducer();
            listener.onFailure(mapping.name(), failure);
            throw failure;
        } finally {
            running.unlock();
        }
    }

    private boolean awaitStop(Duration pollInterval) {
        try {
            return stopRequested.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * Whether the committed progress already covers the table's latest version. A {@code --once}
     * run with nothing to publish then needs no producer: it skips creating one and fencing
     * (initTransactions), which is most of its time. A run that does publish still fences first.
     */
    private boolean upToDate() {
        TableState latest = changes.latest();
        checkTable(latest);
        if (!progressStore.topicExists()) {
            return false;
        }
        Optional<Progress> stored = progressStore.read();
        boolean upToDate = stored.filter(p -> latest.tableId().equals(p.tableId()) && p.resumeVersion() > latest.version())
                .isPresent();
        if (upToDate) {
            metrics.latestVersion.accumulateAndGet(latest.version(), Math::max);
            metrics.currentVersion.set(latest.version());
            LOG.info("Mapping {} is up to date at version {}: nothing to publish", mapping.name(), latest.version());
        }
        return upToDate;
    }

    /** Checks the table, fences older instances, then reads where to resume. */
    private void start() {
        TableState latest = changes.latest();
        checkTable(latest);
        progressStore.ensureTopic();
        try (Admin admin = kafka.admin()) {
            Topics.ensure(admin, mapping.topic(), Optional.empty(), Map.of(), "target topic",
                    "create the topic '" + mapping.topic() + "' or allow the bridge's principal to create topics");
        }
        producer = kafka.producer(ProducerSettings.overrides(kafka.settings(), transactionalId()));
        // fences any older producer with this id and aborts its open transaction, so that
        // reading the progress topic below (read_committed) sees a settled end
        producer.initTransactions();
        Optional<Progress> stored = progressStore.read();
        if (stored.isPresent()) {
            Progress p = stored.get();
            if (p.tableId() != null && !p.tableId().equals(latest.tableId())) {
                throw Problem.of("The table of mapping '%s' is not the one it published from", mapping.name())
                        .because("the progress says table id %s, the table at %s now has id %s (recreated?)",
                                p.tableId(), tableUri, latest.tableId())
                        .fix("to publish the new table from its start, delete the key '%s' from the topic '%s'"
                                + " (a tombstone) and run again", progressStore.key(), progressStore.topic())
                        .data();
            }
            committed = p;
            resumeVersion = p.resumeVersion();
            resumeOrdinal = p.resumeOrdinal();
            LOG.info("Mapping {} resumes at version {} (change row {})", mapping.name(), resumeVersion, resumeOrdinal);
        } else {
            resumeVersion = changes.resolveStartingVersion(mapping.startingVersion());
            resumeOrdinal = 0;
            LOG.info("Mapping {} has no progress yet; starts at version {} ({})", mapping.name(), resumeVersion,
                    mapping.startingVersion());
        }
        metrics.currentVersion.set(resumeVersion - 1);
    }

    /** Key columns and projected columns exist, the change feed is on. */
    private void checkTable(TableState table) {
        if (mapping.keyFormat() == KeyFormat.STRING && mapping.key().size() != 1) {
            throw configSource.errorAt(path("key-format"),
                    Problem.of("key-format string needs exactly one key column, mapping '%s' has %s", mapping.name(),
                                    mapping.key())
                            .fix("use key-format json or avro, or a single key column"));
        }
        StructType schema = table.schema();
        for (String key : mapping.key()) {
            if (schema.indexOf(key) < 0) {
                throw configSource.errorAt(path("key"), Problem.of("Key column '%s' is not in the table %s", key, tableUri)
                        .because("the table has the columns %s", schema.fieldNames())
                        .fix("use one of the table's columns in 'key'"));
            }
        }
        for (String column : mapping.columns().orElse(List.of())) {
            if (schema.indexOf(column) < 0) {
                throw configSource.errorAt(path("columns"), Problem.of("Column '%s' is not in the table %s", column, tableUri)
                        .because("the table has the columns %s", schema.fieldNames())
                        .fix("remove it from 'columns' or use one of the table's columns"));
            }
        }
        if (!table.cdfEnabled()) {
            throw configSource.errorAt(path("from.delta"), Problem.of("The table %s has no change data feed", tableUri)
                    .because("'delta.enableChangeDataFeed' is not true at version %d", table.version())
                    .fix("run ALTER TABLE ... SET TBLPROPERTIES (delta.enableChangeDataFeed = true); the feed"
                            + " starts at the version that sets it"));
        }
    }

    private String path(String key) {
        return "mappings[" + mapping.index() + "]." + key;
    }

    /** Publishes everything from the resume position through {@code latest}. */
    private void publishUpTo(TableState latest) {
        if (resumeVersion <= latest.version()) {
            try (CloseableIterator<EventChunk> chunks =
                    changes.events(resumeVersion, latest.version(), resumeOrdinal, latest)) {
                new VersionLoop(latest).run(chunks);
            } catch (IOException e) {
                throw Problem.of("Closing the change feed reader of %s failed", tableUri).because("%s", e.getMessage())
                        .fix("check the storage of the table").runtime(e);
            }
            if (stopping()) {
                return;
            }
        }
        // versions without events (OPTIMIZE, metadata, filtered changes) still move the position,
        // and a fresh 'starting-version: latest' is pinned so that a later run does not skip ahead
        if (resumeVersion == latest.version() + 1
                && (committed == null || committed.version() < latest.version() || !committed.complete())) {
            beginIfNeeded();
            commit(Progress.completed(latest.version(), latest.tableId(), latest.commitTimestamp()), 0);
        }
    }

    /** Sends the events of one pass over the change feed, one transaction per version (or part of one). */
    private final class VersionLoop {
        private final TableState latest;
        private final LineageHeaders.Encoder lineage;
        private LineageHeaders.VersionHeaders headers;
        private long version = -1;
        private long eventsInTransaction;
        private long eventsInVersion;
        private long lastOrdinal = -1;

        VersionLoop(TableState latest) {
            this.latest = latest;
            String contentType = mapping.format() == Format.AVRO
                    ? LineageHeaders.CONTENT_TYPE_AVRO : LineageHeaders.CONTENT_TYPE_JSON;
            this.lineage = LineageHeaders.encoder(bridge, mapping.name(), tableUri, contentType);
        }

        void run(CloseableIterator<EventChunk> chunks) {
            while (chunks.hasNext()) {
                if (stopping()) {
                    abortIfOpen();
                    return;
                }
                EventChunk chunk = chunks.next();
                if (chunk.version != version) {
                    version = chunk.version;
                    headers = lineage.forVersion(latest.tableId(), version, chunk.commitTimestamp);
                    lastOrdinal = -1;
                }
                if (chunk.endOfVersion) {
                    endVersion(chunk.commitTimestamp);
                } else {
                    send(chunk);
                }
            }
        }

        private void send(EventChunk chunk) {
            for (int i = 0; i < chunk.size; i++) {
                long ordinal = chunk.ordinals[i];
                // split only between change rows (a debezium delete is an event and its tombstone), and
                // resume right after the last row sent, so that a pre-image in between is read again
                if (eventsInTransaction >= mapping.maxRecordsPerTransaction() && ordinal != lastOrdinal) {
                    commitPart(chunk.commitTimestamp);
                }
                byte[] key = chunk.keys[i];
                byte[] value = chunk.values[i];
                beginIfNeeded();
                producer.send(new ProducerRecord<>(mapping.topic(), null, null, key, value,
                        headers.of(chunk.kinds[i], ordinal)), sendCallback);
                eventsInTransaction++;
                eventsInVersion++;
                lastOrdinal = ordinal;
                metrics.bytesPublished.add((long) (key == null ? 0 : key.length) + (value == null ? 0 : value.length));
            }
        }

        /** A version too large for one transaction: commit what is sent, with the position inside the version. */
        private void commitPart(long commitTimestamp) {
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
                eventsInVersion = 0;
            }
            resumeVersion = version + 1;
            resumeOrdinal = 0;
        }

        private void abortIfOpen() {
            if (transactionOpen) {
                producer.abortTransaction();
                transactionOpen = false;
                LOG.info("Mapping {} stopped inside version {}: its open transaction was aborted", mapping.name(),
                        version);
            }
        }
    }

    private void beginIfNeeded() {
        if (!transactionOpen) {
            producer.beginTransaction();
            transactionOpen = true;
        }
    }

    private void commit(Progress progress, long events) {
        producer.send(progressStore.record(progress), sendCallback);
        producer.commitTransaction();
        transactionOpen = false;
        Exception failed = sendError.getAndSet(null);
        if (failed != null) {
            // commitTransaction fails when a send failed; this is a safety net for callbacks seen late
            throw Problem.of("A record of mapping '%s' could not be published", mapping.name())
                    .because("%s", failed.getMessage()).fix("check the broker and the topic '%s'", mapping.topic())
                    .runtime(failed);
        }
        committed = progress;
        metrics.transactions.increment();
        metrics.recordsPublished.add(events);
        metrics.currentVersion.set(progress.version());
        if (events > 0) {
            metrics.published(progress.commitTimestamp());
            listener.onVersionPublished(mapping.name(), progress.version(), events);
        }
    }

    private void onSendCompleted(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            sendError.compareAndSet(null, exception);
        }
    }

    private RuntimeException translate(RuntimeException e) {
        if (e instanceof BridgeException) {
            return e;
        }
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException) {
                return Problem.of("Mapping '%s' stopped: another instance took over its transactional id '%s'",
                                mapping.name(), transactionalId())
                        .because("a newer producer with the same transactional.id fenced this one; its open"
                                + " transaction was aborted, so nothing was published twice")
                        .fix("run one instance per mapping (the newer one continues from the stored progress)")
                        .runtime(e);
            }
            if (cause instanceof TransactionalIdAuthorizationException) {
                return Problem.of("Mapping '%s' may not use the transactional id '%s'", mapping.name(), transactionalId())
                        .because("%s", cause.getMessage())
                        .fix("grant WRITE and DESCRIBE on the TransactionalId '%s' to the bridge's principal",
                                transactionalId())
                        .config(e);
            }
            cause = cause.getCause();
        }
        if (e instanceof KafkaException) {
            return Problem.of("Publishing mapping '%s' to topic '%s' failed", mapping.name(), mapping.topic())
                    .because("%s", e.getMessage())
                    .fix("check that the brokers are reachable and the topic exists; the open transaction is"
                            + " aborted and a new run resumes from the last committed version")
                    .runtime(e);
        }
        return e;
    }

    @Override
    public Plan validate() {
        List<String> lines = new ArrayList<>();
        TableState latest = changes.latest();
        checkTable(latest);
        lines.add(String.format("table %s: version %d, id %s, change data feed on", tableUri, latest.version(),
                latest.tableId()));
        lines.add(String.format("key %s (%s key), value %s, envelope %s, changes %s", mapping.key(),
                mapping.keyFormat().name().toLowerCase(), mapping.format().name().toLowerCase(),
                mapping.envelope().name().toLowerCase(), mapping.changes()));
        mapping.columns().ifPresent(c -> lines.add("columns " + c));
        Optional<Progress> stored = progressStore.topicExists() ? progressStore.read() : Optional.empty();
        lines.add(stored.map(p -> String.format("progress in %s: %s version %d%s", progressStore.topic(),
                        p.complete() ? "published through" : "inside", p.version(),
                        p.complete() ? "" : " at change row " + p.nextOrdinal()))
                .orElse("no progress yet: starts at " + mapping.startingVersion()));
        lines.add(String.format("publishes to topic %s in transactions as '%s'", mapping.topic(), transactionalId()));
        return new Plan(mapping.name(), lines);
    }

    @Override
    public PipelineStatus status() {
        TableState latest = changes.latest();
        Optional<Progress> stored = progressStore.topicExists() ? progressStore.read() : Optional.empty();
        long position = stored.map(p -> p.complete() ? p.version() : p.version() - 1).orElse(-1L);
        long lag = Math.max(0, latest.version() - position);
        return new PipelineStatus(mapping.name(), "delta-to-kafka", Map.of("version", position),
                Map.of("version", latest.version()), lag,
                stored.map(p -> Instant.ofEpochMilli(p.publishedAt())));
    }

    @Override
    public PipelineMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        stop();
        try {
            // a run in another thread ends its transaction (or aborts it) before the producer closes
            if (running.tryLock(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    closeProducer();
                } finally {
                    running.unlock();
                }
            } else {
                LOG.warn("Mapping {} did not stop within {}s; closing its producer anyway", mapping.name(),
                        CLOSE_WAIT.toSeconds());
                closeProducer();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeProducer();
        }
    }

    /** After a failure: abort the open transaction if the producer still can (not when fenced). */
    private void abortQuietly() {
        if (producer != null && transactionOpen) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException e) {
                LOG.debug("Aborting the transaction of mapping {} failed", mapping.name(), e);
            }
        }
        transactionOpen = false;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                LOG.warn("Closing the producer of mapping {} failed: {}", mapping.name(), e.toString());
            }
            producer = null;
        }
    }
}
