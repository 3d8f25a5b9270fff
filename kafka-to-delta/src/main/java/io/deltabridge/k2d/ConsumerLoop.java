package io.deltabridge.k2d;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.config.ClientRole;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.metrics.KafkaClientMeters;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.core.retry.RunRetries;
import io.deltabridge.k2d.delta.DeltaAppender;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs of one kafka → delta mapping: opens the table and the clients, polls, routes each
 * record, flushes when the policy says so, and handles rebalances (seek on assignment, commit
 * before revocation, discard on loss). All of a run's state is owned by the running thread;
 * only {@link #stop()} may be called from another.
 */
final class ConsumerLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** A bounded run that received nothing for this long checks that the broker still answers. */
    private static final Duration STALLED = Duration.ofSeconds(10);

    private final MappingIdentity id;
    private final KafkaToDeltaMapping mapping;
    private final PipelineServices services;
    private final RunTotals totals = new RunTotals();
    private volatile boolean stopRequested;

    // state of one run
    private Consumer<byte[], byte[]> consumer;
    private KafkaClientMeters consumerMeters;
    private OpenBatch batch;
    private TableOffsets offsets;
    private DeadLetters deadLetters;
    private RecordRouter router;
    private BatchCommitter committer;
    private ConsumerPositions positions;
    private StructType tableSchema;
    private boolean assigned;
    /** A bounded run's topics, as found at its start. */
    private List<String> topics;

    private RuntimeException listenerFailure;

    ConsumerLoop(MappingIdentity id, PipelineServices services) {
        this.id = id;
        this.mapping = id.mapping();
        this.services = services;
    }

    void stop() {
        stopRequested = true;
        synchronized (this) {
            notifyAll(); // ends a pause between attempts
        }
    }

    /**
     * Runs until stopped ({@code once}: until the end offsets seen at the start are read). A transient
     * failure closes the run and starts it again from the table's offsets after a backoff, as
     * {@link RunRetries} decides; the failure that ends the run is reported to the listener.
     */
    RunSummary run(boolean once) {
        long started = System.nanoTime();
        totals.reset();
        RunRetries retries = new RunRetries(
                mapping.name(), once, ConsumeFailures.ONCE_ATTEMPTS, services.metrics().retries::increment);
        while (true) {
            long commitsBefore = totals.commits;
            try {
                attempt(once);
                return totals.summary(mapping.name(), started);
            } catch (RuntimeException e) {
                if (totals.commits > commitsBefore) {
                    retries.succeeded();
                }
                boolean retry = ConsumeFailures.isTransient(e);
                Optional<Duration> delay = retry ? retries.delayAfterTransientFailure() : Optional.empty();
                if (delay.isEmpty()) {
                    RuntimeException failure = ConsumeFailures.reportable(mapping.name(), e);
                    if (retry) {
                        failure = retries.exhausted(
                                failure,
                                "check that the brokers in 'kafka.bootstrap.servers' and the table location are reachable");
                    }
                    services.lineage().failed(failure, true);
                    services.listener().onFailure(mapping.name(), failure);
                    throw failure;
                }
                services.lineage().failed(e, false);
                LOG.warn(
                        "Mapping '{}' failed ({}); starting again from the table's offsets in {} ms",
                        mapping.name(),
                        e.getMessage(),
                        delay.get().toMillis());
                if (!pause(delay.get())) {
                    return totals.summary(mapping.name(), started);
                }
            }
        }
    }

    private void attempt(boolean once) {
        try {
            DeltaAppender appender = TargetTable.open(services.engine(), mapping, id.domain(), services.registry());
            openConsumer();
            Optional<Map<TopicPartition, Long>> bounds = bounds(once, appender);
            if (bounds.isEmpty()) {
                return;
            }
            Map<TopicPartition, Long> endOffsets = bounds.get();
            openBatch(appender);
            subscribe(once);
            long lastRecords = System.nanoTime();
            while (!stopRequested) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(POLL);
                } catch (OffsetOutOfRangeException e) {
                    positions.resolveGaps(e.offsetOutOfRangePartitions());
                    continue;
                }
                rethrowListenerFailure();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    route(r);
                    if (batch.full()) {
                        flush();
                    }
                }
                positions.advancePastControlRecords(records.isEmpty() ? consumer.assignment() : records.partitions());
                if (batch.intervalElapsed()) {
                    flush();
                }
                if (once && assigned && positions.reachedEnd(endOffsets)) {
                    break;
                }
                if (!records.isEmpty()) {
                    lastRecords = System.nanoTime();
                } else if (once && System.nanoTime() - lastRecords > STALLED.toNanos()) {
                    // the consumer waits for an unreachable broker without a word: ask it, which times out if it is
                    // gone
                    consumer.endOffsets(endOffsets.keySet());
                    lastRecords = System.nanoTime();
                }
            }
            flush();
        } finally {
            closeRun();
            // reset here, not at the start: a stop requested before this run began (Bridge.close(),
            // another mapping's fatal error) must end it, not be forgotten
            stopRequested = false;
        }
    }

    /**
     * What a bounded run reads: the topics it matches now, up to their end offsets now; empty when no topic
     * matches or the table already stores those ends (nothing to read: the run neither joins the group nor
     * opens a producer). A continuous run reads on without bounds (an empty map).
     */
    private Optional<Map<TopicPartition, Long>> bounds(boolean once, DeltaAppender appender) {
        if (!once) {
            return Optional.of(Map.of());
        }
        topics = SourceTopics.existing(mapping, consumer);
        if (topics.isEmpty()) {
            LOG.info(
                    "Mapping '{}': no topic matches `{}`; nothing to read",
                    mapping.name(),
                    mapping.topicPattern().orElseThrow());
            return Optional.empty();
        }
        Map<TopicPartition, Long> endOffsets = consumer.endOffsets(SourceTopics.partitions(mapping, consumer, topics));
        if (NothingToRead.upTo(
                endOffsets, appender.storedOffsets(), mapping.startingOffsets(), consumer::beginningOffsets)) {
            LOG.info(
                    "Mapping '{}': {} stores the end offsets of {}; nothing to read",
                    mapping.name(),
                    id.tableUri(),
                    topics);
            return Optional.empty();
        }
        return Optional.of(endOffsets);
    }

    /**
     * Subscribes to the mapping's topics: a bounded run to those {@link #bounds} found, a continuous run to its
     * pattern, so that topics created later are read too (or to its listed topics).
     */
    private void subscribe(boolean once) {
        Optional<Pattern> pattern = mapping.topicRegex();
        if (pattern.isPresent() && !once) {
            consumer.subscribe(pattern.get(), new Rebalance());
            LOG.info(
                    "Mapping '{}' reads {}, including those created while it runs",
                    mapping.name(),
                    mapping.sourceDescription());
            return;
        }
        consumer.subscribe(once ? topics : SourceTopics.existing(mapping, consumer), new Rebalance());
    }

    /** Waits {@code delay} unless stopped meanwhile; false when stopped. */
    private synchronized boolean pause(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        try {
            for (long left = delay.toNanos(); left > 0 && !stopRequested; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !stopRequested;
    }

    private void openConsumer() {
        consumer = services.kafka()
                .consumer(Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG,
                        id.groupId(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        // positions come from the table; one that left the log is a gap for OffsetGaps, never a silent
                        // reset
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "none",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        id.clientId()));
        consumerMeters = services.metrics().bindKafkaClient(consumer);
    }

    /** What a run that reads needs: the batch, the dead-letter producer, the router and the committer. */
    private void openBatch(DeltaAppender appender) {
        KafkaClientFactory kafka = services.kafka();
        batch = new OpenBatch(new FlushTracker(mapping.flush()), WriteStrategies.of(id, services, appender));
        offsets = new TableOffsets(appender);
        tableSchema = appender.schema();
        deadLetters = mapping.deadLetterTopic()
                .map(t -> new DeadLetters(
                        t,
                        kafka.producer(Map.of(
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true,
                                ProducerConfig.CLIENT_ID_CONFIG,
                                id.groupId() + ".dlq")),
                        maxRequestSize()))
                .orElse(null);
        router = new RecordRouter(id, services, batch, deadLetters, totals);
        committer = new BatchCommitter(id, services, appender, offsets, deadLetters);
        positions = new ConsumerPositions(consumer, id, offsets, batch, services.metrics());
        assigned = false;
        listenerFailure = null;
    }

    /** The producers' {@code max.request.size}: the setting under {@code kafka:} or {@code producer:}, or Kafka's default. */
    private int maxRequestSize() {
        String set = services.kafka().settings(ClientRole.PRODUCER).get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        return set != null
                ? Integer.parseInt(set.trim())
                : (Integer) ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    }

    /** Routes one record; one that must stop the run does so after what came before it is committed. */
    private void route(ConsumerRecord<byte[], byte[]> r) {
        services.lineage().recordRead(tableSchema);
        try {
            router.route(r);
        } catch (RecordRouter.RecordRejected e) {
            flush();
            throw e.error();
        }
    }

    /** Writes and commits the open batch; a no-op when nothing was consumed since the last commit. */
    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        Optional<BatchCommitter.Committed> committed = committer.commit(batch);
        if (committed.isEmpty()) {
            positions.seekToStored(new HashSet<>(consumer.assignment()));
            return;
        }
        totals.commits++;
        totals.records += committed.get().change().rows();
        positions.committed(committed.get().offsets());
    }

    private void rethrowListenerFailure() {
        if (listenerFailure != null) {
            RuntimeException e = listenerFailure;
            listenerFailure = null;
            throw e;
        }
    }

    private void closeRun() {
        if (batch != null) {
            // after a failure nothing buffered may be committed, not even by the revocation in close()
            batch.discard();
        }
        if (consumer != null) {
            try {
                consumer.close(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.debug("closing the consumer failed", e);
            }
            consumer = null;
        }
        if (consumerMeters != null) {
            consumerMeters.close();
            consumerMeters = null;
        }
        if (deadLetters != null) {
            deadLetters.close();
            deadLetters = null;
        }
        if (batch != null) {
            batch.close();
            batch = null;
        }
        router = null;
        committer = null;
        topics = null;
        positions = null;
        offsets = null;
    }

    /** Seeks on assignment; commits the open batch before partitions go to another instance. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned = true;
            if (!partitions.isEmpty()) {
                guard(() -> positions.seekToStored(partitions));
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            guard(ConsumerLoop.this::flush);
            offsets.release(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // another instance may own them already: nothing buffered may be committed
            LOG.warn(
                    "Mapping '{}': partitions {} were lost; discarding {} buffered records",
                    mapping.name(),
                    partitions,
                    batch.rowCount());
            batch.discard();
            services.lineage().discarded();
            offsets.release(partitions);
        }

        /** Exceptions thrown here would be wrapped by poll(); keep ours to rethrow them as they are. */
        private void guard(Runnable action) {
            try {
                action.run();
            } catch (RuntimeException e) {
                listenerFailure = e;
                batch.discard();
                throw e;
            }
        }
    }
}
