package io.deltabridge.d2k;

import io.deltabridge.core.config.ClientRole;
import io.deltabridge.core.config.ConfigSource;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.metrics.KafkaClientMeters;
import io.deltabridge.core.metrics.MappingMeters;
import io.deltabridge.core.pipeline.ClientIds;
import io.deltabridge.core.pipeline.Pipeline;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.pipeline.PipelineStatus;
import io.deltabridge.core.pipeline.Plan;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.core.retry.RunRetries;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a Delta table's change feed to a Kafka topic, exactly once (SPEC §4): each
 * version's events and the mapping's progress record go into one Kafka transaction (shared by
 * consecutive small versions, see {@link VersionPublisher}; several for a version with more than
 * {@code maxRecordsPerTransaction} events), under
 * {@code transactional.id = <bridge>.<mapping>}; on start the progress topic says where to
 * resume. Create it with {@link DeltaToKafka#builder()} or through {@link DeltaToKafkaProvider}.
 */
public final class DeltaToKafkaPipeline implements Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaToKafkaPipeline.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);
    /** Attempts of a --once run whose broker is unreachable: about a minute of waiting in all. */
    static final int ONCE_ATTEMPTS = 6;

    private final String bridge;
    private final DeltaToKafkaMapping mapping;
    private final String tableUri;
    private final KafkaClientFactory kafka;
    private final ChangeStream changes;
    private final PipelineListener listener;
    private final ProgressStore progressStore;
    private final TableMappingCheck tableCheck;
    private final ResumePositionResolver resume;
    private final StatusReporter reporter;
    private final MappingMeters meters;
    private final PublisherMetrics metrics;
    private final VersionLineage lineage;
    /** Continuous mode: the wait between looks while versions keep coming (see {@link PollSchedule}). */
    private final Duration activePollInterval;
    /** Until the first start: disregard the stored progress and the events in the topic. */
    private volatile boolean resetProgress;

    /** Held while a run is in progress, so that {@link #close()} waits for it to end cleanly. */
    private final ReentrantLock running = new ReentrantLock();

    private final StopSignal stop = new StopSignal();

    private final TableIdentity identity;
    private final TargetTopic target;
    /** The id of the table when the producer started: a table recreated meanwhile is another table. */
    private String startedTableId;

    /** All null until a run that publishes starts, and again after a failure or close. */
    private TransactionalProducer producer;

    private KafkaClientMeters producerMeters;
    private VersionPublisher publisher;

    DeltaToKafkaPipeline(
            String bridge,
            DeltaToKafkaMapping mapping,
            ConfigSource configSource,
            String tableUri,
            KafkaClientFactory kafka,
            String progressTopic,
            ChangeStream changes,
            PipelineListener listener,
            MappingMeters meters,
            boolean resetProgress,
            VersionLineage lineage,
            Optional<SchemaRegistryClient> registry,
            Duration activePollInterval) {
        this.bridge = bridge;
        this.mapping = mapping;
        this.tableUri = tableUri;
        this.kafka = kafka;
        this.changes = changes;
        this.listener = listener;
        this.meters = meters;
        this.metrics = new PublisherMetrics(meters);
        this.progressStore = new ProgressStore(kafka, progressTopic, bridge, mapping.name());
        this.tableCheck = new TableMappingCheck(mapping, configSource, tableUri);
        this.identity = new TableIdentity(mapping, tableUri);
        this.target = new TargetTopic(kafka, mapping);
        this.resume = new ResumePositionResolver(
                mapping, tableUri, changes, progressStore, new PublishedEvents(kafka, bridge, mapping.name()));
        this.resetProgress = resetProgress;
        this.lineage = lineage;
        this.activePollInterval = activePollInterval;
        this.reporter = new StatusReporter(
                mapping,
                tableUri,
                transactionalId(),
                changes,
                progressStore,
                tableCheck,
                new RegisteredSchemaCheck(mapping, tableUri, registry));
    }

    @Override
    public DeltaToKafkaMapping mapping() {
        return mapping;
    }

    /** {@code <bridge>.<mapping>} (see {@link ClientIds}). */
    public String transactionalId() {
        return ClientIds.of(bridge, mapping.name());
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
        stop.request();
    }

    private RunSummary run(boolean continuously) {
        if (!running.tryLock()) {
            throw new IllegalStateException("mapping '" + mapping.name() + "' is already running");
        }
        long startNanos = System.nanoTime();
        long versions0 = (long) metrics.versionsPublished.count();
        long records0 = (long) metrics.recordsPublished.count();
        long bytes0 = (long) metrics.bytesPublished.count();
        RunRetries retries = new RunRetries(mapping.name(), !continuously, ONCE_ATTEMPTS, metrics.retries::increment);
        PollSchedule polls = new PollSchedule(activePollInterval, mapping.pollInterval(), System::nanoTime);
        try {
            while (!publish(continuously, retries, polls)) {
                // retried after a transient failure: start over from fencing and the stored progress
            }
            return new RunSummary(
                    mapping.name(),
                    (long) metrics.versionsPublished.count() - versions0,
                    (long) metrics.recordsPublished.count() - records0,
                    (long) metrics.bytesPublished.count() - bytes0,
                    0,
                    Duration.ofNanos(System.nanoTime() - startNanos));
        } finally {
            running.unlock();
        }
    }

    /** One attempt at the run; false when it failed transiently and should start over. */
    private boolean publish(boolean continuously, RunRetries retries, PollSchedule polls) {
        try {
            boolean idle = !continuously && producer == null && !resetProgress && upToDate();
            if (!idle) {
                if (producer == null) {
                    start();
                }
                TableState latest;
                do {
                    latest = changes.latest();
                    identity.require(startedTableId, latest, "when the mapping started it had");
                    metrics.latestVersion.accumulateAndGet(latest.version(), Math::max);
                    if (publisher.behind(latest)) {
                        target.requireUnchanged();
                    }
                    publisher.publishUpTo(latest);
                    retries.succeeded();
                } while (continuously && !stop.await(polls.after(latest.version())));
            }
            return true;
        } catch (RuntimeException e) {
            RuntimeException failure = PublishFailures.translate(e, mapping, transactionalId());
            discardProducer();
            if (!continuously && PublishFailures.isFenced(e)) {
                // two overlapping --once runs (a CronJob started while the last one still ran): the
                // newer one continues from the stored progress, and this one has nothing left to do
                LOG.warn("{}", failure.getMessage().replace(System.lineSeparator(), " "));
                lineage.aborted();
                return true;
            }
            boolean retry = !stop.requested() && PublishFailures.isTransient(failure);
            Optional<Duration> delay = retry ? retries.delayAfterTransientFailure() : Optional.empty();
            lineage.failed(failure, delay.isEmpty());
            if (delay.isPresent()) {
                LOG.warn(
                        "Mapping {} failed, starts over in {} ms: {}",
                        mapping.name(),
                        delay.get().toMillis(),
                        failure.getMessage().replace(System.lineSeparator(), " "));
                return stop.await(delay.get());
            }
            RuntimeException error =
                    retry ? retries.exhausted(failure, "check that the brokers are up and reachable") : failure;
            listener.onFailure(mapping.name(), error);
            throw error;
        } catch (Error e) {
            // out of memory, stack overflow: an open transaction would pin the last stable offset of
            // the topic and the progress partition until it times out, while other mappings go on
            discardProducer();
            throw e;
        }
    }

    /** After a failure: the producer may be in an error state, a new one fences it and starts clean. */
    private void discardProducer() {
        if (producer != null) {
            producer.abortQuietly();
        }
        closeProducer();
    }

    /**
     * Whether the committed progress already covers the table's latest version. A {@code --once}
     * run with nothing to publish then needs no producer: it skips creating one and fencing
     * (initTransactions), which is most of its time. A run that does publish still fences first.
     */
    private boolean upToDate() {
        TableState latest = changes.latest();
        tableCheck.check(latest);
        boolean upToDate = resume.alreadyPublished(latest);
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
        tableCheck.check(latest);
        startedTableId = latest.tableId();
        progressStore.ensureTopic();
        // a missing topic with stored progress was deleted: read the progress only then
        boolean compacted = target.prepare(
                resetProgress, () -> progressStore.readNow().progress().isPresent());
        Producer<byte[], byte[]> client =
                kafka.producer(ProducerSettings.overrides(kafka.settings(ClientRole.PRODUCER), transactionalId()));
        producerMeters = meters.bindKafkaClient(client);
        producer = new TransactionalProducer(
                client, mapping, ProducerSettings.transactionTimeout(kafka.settings(ClientRole.PRODUCER)));
        producer.fence();
        publisher = new VersionPublisher(
                bridge,
                mapping,
                tableUri,
                changes,
                progressStore,
                listener,
                metrics,
                stop,
                producer,
                compacted,
                lineage);
        publisher.resumeAt(resume.resolve(latest, resetProgress));
        resetProgress = false;
    }

    /**
     * Makes the next run publish from {@code starting-version}, disregarding the stored progress and
     * the mapping's events already in the topic ({@code bridge run --reset-progress}).
     */
    public void resetProgress() {
        resetProgress = true;
    }

    @Override
    public Plan validate() {
        return reporter.validate();
    }

    @Override
    public PipelineStatus status() {
        return reporter.status();
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
                LOG.warn(
                        "Mapping {} did not stop within {}s; closing its producer anyway",
                        mapping.name(),
                        CLOSE_WAIT.toSeconds());
                closeProducer();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeProducer();
        }
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
            publisher = null;
        }
        if (producerMeters != null) {
            producerMeters.close();
            producerMeters = null;
        }
    }
}
