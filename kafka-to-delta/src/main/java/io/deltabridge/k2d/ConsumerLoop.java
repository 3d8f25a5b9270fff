package io.deltabridge.k2d;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.codec.RowDecoder;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.core.retry.RunRetries;
import io.deltabridge.k2d.delta.DeltaAppender;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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

    private final KafkaToDeltaMapping mapping;
    private final Engine engine;
    private final KafkaClientFactory kafka;
    private final Optional<SchemaRegistryClient> registry;
    private final PipelineListener listener;
    private final KafkaToDeltaMetrics metrics;
    private final FaultPoints faults;
    private final int chunkRows;
    private final String tableUri;
    private final String domain;
    private final String groupId;
    /** Distinguishes the consumers of pipelines of the same mapping in one process. */
    private final int instance;
    private final FlushTracker flushes;
    private final RunTotals totals = new RunTotals();
    /** The offsets this instance last read from or committed to the table, per assigned partition. */
    private final Map<TopicPartition, Long> expected = new HashMap<>();
    private volatile boolean stopRequested;

    // state of one run
    private Consumer<byte[], byte[]> consumer;
    private RowBuffer rows;
    private DeadLetters deadLetters;
    private RecordRouter router;
    private DeltaCommitter committer;
    private ConsumerPositions positions;
    private boolean assigned;
    private RuntimeException listenerFailure;

    ConsumerLoop(KafkaToDeltaMapping mapping, Engine engine, KafkaClientFactory kafka, Optional<SchemaRegistryClient> registry,
                 PipelineListener listener, KafkaToDeltaMetrics metrics, FaultPoints faults, int chunkRows,
                 String tableUri, String domain, String groupId, int instance) {
        this.mapping = mapping;
        this.engine = engine;
        this.kafka = kafka;
        this.registry = registry;
        this.listener = listener;
        this.metrics = metrics;
        this.faults = faults;
        this.chunkRows = chunkRows;
        this.tableUri = tableUri;
        this.domain = domain;
        this.groupId = groupId;
        this.instance = instance;
        this.flushes = new FlushTracker(mapping.flush());
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
        RunRetries retries = new RunRetries(mapping.name(), once, ConsumeFailures.ONCE_ATTEMPTS);
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
                        failure = retries.exhausted(failure,
                                "check that the brokers in 'kafka.bootstrap.servers' and the table location are reachable");
                    }
                    listener.onFailure(mapping.name(), failure);
                    throw failure;
                }
                LOG.warn("Mapping '{}' failed ({}); starting again from the table's offsets in {} ms", mapping.name(), e.getMessage(), delay.get().toMillis());
                if (!pause(delay.get())) {
                    return totals.summary(mapping.name(), started);
                }
            }
        }
    }

    private void attempt(boolean once) {
        try {
            open();
            Map<TopicPartition, Long> endOffsets = once ? consumer.endOffsets(positions.partitionsOf(mapping.topics())) : Map.of();
            consumer.subscribe(mapping.topics(), new Rebalance());
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
                    router.route(r);
                    if (flushes.full(rows.rowCount(), rows.byteSize())) {
                        flush();
                    }
                }
                positions.advancePastControlRecords(records.isEmpty() ? consumer.assignment() : records.partitions());
                if (flushes.intervalElapsed()) {
                    flush();
                }
                if (once && assigned && positions.reachedEnd(endOffsets)) {
                    break;
                }
                if (!records.isEmpty()) {
                    lastRecords = System.nanoTime();
                } else if (once && System.nanoTime() - lastRecords > STALLED.toNanos()) {
                    // the consumer waits for an unreachable broker without a word: ask it, which times out if it is gone
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

    private void open() {
        DeltaAppender appender = TargetTable.open(engine, mapping, domain, registry);
        LineageColumns lineage = new LineageColumns(appender.schema());
        rows = new RowBuffer(appender, mapping.name(), chunkRows, Math.min(KafkaToDeltaPipeline.CHUNK_BYTES, mapping.flush().maxBytes()));
        RowDecoder decoder = RecordRouter.decoder(mapping, appender.schema(), lineage.present(), registry);
        deadLetters = mapping.deadLetterTopic()
                .map(t -> new DeadLetters(t, kafka.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.CLIENT_ID_CONFIG, groupId + ".dlq")),
                        maxRequestSize()))
                .orElse(null);
        router = new RecordRouter(mapping, tableUri, metrics, listener, decoder, lineage, deadLetters, rows, flushes, totals, this::flush);
        committer = new DeltaCommitter(mapping.name(), tableUri, appender, rows, flushes, deadLetters, expected, metrics, totals, listener, faults);
        consumer = kafka.consumer(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // positions come from the table; one that left the log is a gap for OffsetGaps, never a silent reset
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + ProcessHandle.current().pid() + "-" + instance));
        positions = new ConsumerPositions(consumer, appender, expected, flushes, metrics, mapping.name(), tableUri, groupId,
                new OffsetGaps(mapping, tableUri, metrics));
        expected.clear();
        flushes.clear();
        assigned = false;
        listenerFailure = null;
    }

    /** The producers' {@code max.request.size}: the setting under {@code kafka:}, or Kafka's default. */
    private int maxRequestSize() {
        String set = kafka.settings().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        return set != null ? Integer.parseInt(set.trim())
                : (Integer) ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    }

    /** Writes and commits the open batch; a no-op when nothing was consumed since the last commit. */
    private void flush() {
        if (flushes.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> committed = committer.commit();
        if (committed == null) {
            positions.seekToStored(new HashSet<>(consumer.assignment()));
            return;
        }
        positions.committed(committed);
    }

    private void discardBatch() {
        rows.discard();
        flushes.clear();
    }

    private void rethrowListenerFailure() {
        if (listenerFailure != null) {
            RuntimeException e = listenerFailure;
            listenerFailure = null;
            throw e;
        }
    }

    private void closeRun() {
        if (rows != null) {
            // after a failure nothing buffered may be committed, not even by the revocation in close()
            discardBatch();
        }
        if (consumer != null) {
            try {
                consumer.close(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.debug("closing the consumer failed", e);
            }
            consumer = null;
        }
        if (deadLetters != null) {
            deadLetters.close();
            deadLetters = null;
        }
        if (rows != null) {
            rows.close();
            rows = null;
        }
        router = null;
        committer = null;
        positions = null;
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
            partitions.forEach(expected::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // another instance may own them already: nothing buffered may be committed
            LOG.warn("Mapping '{}': partitions {} were lost; discarding {} buffered records", mapping.name(), partitions, rows.rowCount());
            discardBatch();
            partitions.forEach(expected::remove);
        }

        /** Exceptions thrown here would be wrapped by poll(); keep ours to rethrow them as they are. */
        private void guard(Runnable action) {
            try {
                action.run();
            } catch (RuntimeException e) {
                listenerFailure = e;
                discardBatch();
                throw e;
            }
        }
    }
}
