package io.deltabridge.k2d;

import io.delta.kernel.Snapshot;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.MappingConfig;
import io.deltabridge.core.config.OnError;
import io.deltabridge.core.delta.TableUris;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.lineage.LineageHeaders;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.pipeline.PipelineMetrics;
import io.deltabridge.core.pipeline.PipelineStatus;
import io.deltabridge.core.pipeline.Plan;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.core.codec.RowDecoder;
import io.deltabridge.core.codec.avro.ConfluentAvroSerde;
import io.deltabridge.core.codec.json.JsonRowDecoder;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.k2d.delta.DeltaAppender;
import io.deltabridge.k2d.delta.OffsetsMovedException;
import io.deltabridge.k2d.delta.PendingWrite;
import io.deltabridge.k2d.delta.StoredOffsets;
import io.deltabridge.k2d.delta.StreamingWrite;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kafka → delta for one mapping (SPEC §5): a consumer in group {@code <bridge>.<mapping>}
 * decodes records straight into column batches and appends them with Delta Kernel, one commit
 * per flush, the next offset to read per partition stored in the same commit.
 *
 * <p>Exactly once: on every assignment the consumer seeks to the offsets stored in the table;
 * a commit is refused when another writer moved the offsets of its partitions meanwhile (the
 * batch is discarded and those partitions re-seek). Offsets are committed to the consumer group
 * only after the Delta commit, for lag tools; the table is the source of truth. Dead letters are
 * acknowledged before the commit that moves past them.
 *
 * <p>Single-threaded: {@link #runOnce()} / {@link #runContinuously()} run on the caller's
 * thread; {@link #stop()}, {@link #metrics()} may be called from any thread.
 */
public final class KafkaToDeltaPipeline implements io.deltabridge.core.pipeline.Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaToDeltaPipeline.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Rows per chunk handed to the Parquet writer thread (unpartitioned tables): bounds the memory of a batch. */
    static final int CHUNK_ROWS = 16_384;

    private final String bridge;
    private final KafkaToDeltaMapping mapping;
    private final Engine engine;
    private final KafkaClientFactory kafka;
    private final Optional<SchemaRegistryClient> registry;
    private final PipelineListener listener;
    private final String tableUri;
    private final String domain;
    private final KafkaToDeltaMetrics metrics = new KafkaToDeltaMetrics();
    private final FaultPoints faults;
    private final int chunkRows;
    private volatile boolean stopRequested;

    // state of one run, owned by the running thread
    private Consumer<byte[], byte[]> consumer;
    private DeltaAppender appender;
    private BatchBuilder batch;
    /** Two builders for unpartitioned tables: one is decoded into while the writer thread writes the other. */
    private BatchBuilder[] builders;
    private final long[] handed = new long[2];
    private int current;
    private StreamingWrite streaming;
    private ExecutorService ioThread;
    private long batchRows;
    private RowDecoder decoder;
    private LineageColumns lineage;
    private DeadLetters deadLetters;
    private final Map<TopicPartition, Long> expected = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private long batchBytes;
    private long batchStartedNanos;
    private long runCommits;
    private long runRecords;
    private long runBytes;
    private long runSkipped;
    private boolean assigned;
    private RuntimeException listenerFailure;

    KafkaToDeltaPipeline(String bridge, KafkaToDeltaMapping mapping, Engine engine, KafkaClientFactory kafka,
                         Optional<SchemaRegistryClient> registry, PipelineListener listener, FaultPoints faults, int chunkRows) {
        this.bridge = bridge;
        this.mapping = mapping;
        this.engine = engine;
        this.kafka = kafka;
        this.registry = registry;
        this.listener = listener;
        this.faults = faults;
        this.chunkRows = chunkRows;
        this.tableUri = TableUris.normalize(mapping.table());
        this.domain = StoredOffsets.domain(bridge, mapping.name());
    }

    @Override
    public MappingConfig mapping() {
        return mapping;
    }

    /** The consumer group: {@code <bridge>.<mapping>}. */
    public String groupId() {
        return bridge + "." + mapping.name();
    }

    @Override
    public RunSummary runOnce() {
        return run(true);
    }

    @Override
    public RunSummary runContinuously() {
        return run(false);
    }

    @Override
    public void stop() {
        stopRequested = true;
    }

    @Override
    public PipelineMetrics metrics() {
        return metrics;
    }

    private RunSummary run(boolean once) {
        long started = System.nanoTime();
        stopRequested = false;
        runCommits = runRecords = runBytes = runSkipped = 0;
        try {
            open();
            Map<TopicPartition, Long> endOffsets = once ? consumer.endOffsets(partitionsOfTopics()) : Map.of();
            consumer.subscribe(mapping.topics(), new Rebalance());
            while (!stopRequested) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                rethrowListenerFailure();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    process(r);
                    if (batchFull()) {
                        flush();
                    }
                }
                advancePastControlRecords(records.isEmpty() ? consumer.assignment() : records.partitions());
                if (!next.isEmpty() && System.nanoTime() - batchStartedNanos >= mapping.flush().maxInterval().toNanos()) {
                    flush();
                }
                if (once && reachedEnd(endOffsets)) {
                    break;
                }
            }
            flush();
            return new RunSummary(mapping.name(), runCommits, runRecords, runBytes, runSkipped, Duration.ofNanos(System.nanoTime() - started));
        } catch (BridgeException e) {
            listener.onFailure(mapping.name(), e);
            throw e;
        } catch (KafkaException e) {
            RuntimeException failure = e.getCause() instanceof BridgeException be ? be
                    : Problem.of("Kafka failed for mapping '%s'", mapping.name()).because("%s", e.getMessage())
                            .fix("check that the brokers in 'kafka.bootstrap.servers' are reachable and the bridge is authorised").runtime(e);
            listener.onFailure(mapping.name(), failure);
            throw failure;
        } finally {
            closeRun();
        }
    }

    private void open() {
        appender = TargetTable.open(engine, mapping, domain, registry);
        lineage = new LineageColumns(appender.schema());
        builders = appender.isPartitioned()
                ? new BatchBuilder[] {new BatchBuilder(appender.schema())}
                : new BatchBuilder[] {new BatchBuilder(appender.schema()), new BatchBuilder(appender.schema())};
        current = 0;
        batch = builders[0];
        batchRows = 0;
        ioThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "deltabridge-parquet-" + mapping.name());
            t.setDaemon(true);
            return t;
        });
        decoder = newDecoder(appender.schema(), lineage.present());
        deadLetters = mapping.deadLetterTopic()
                .map(t -> new DeadLetters(t, kafka.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.CLIENT_ID_CONFIG, groupId() + ".dlq"))))
                .orElse(null);
        consumer = kafka.consumer(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, groupId() + "-" + ProcessHandle.current().pid() + "-" + System.identityHashCode(this)));
        expected.clear();
        next.clear();
        assigned = false;
        listenerFailure = null;
    }

    private RowDecoder newDecoder(io.delta.kernel.types.StructType schema, Set<String> lineageColumns) {
        if (mapping.format() == Format.AVRO) {
            return new ConfluentAvroSerde(registry.orElseThrow(() -> Problem.of("Mapping '%s' uses avro but no schema registry is configured", mapping.name())
                    .fix("add 'schema-registry: {url: ...}' to the mapping file").config())).decoder(schema, lineageColumns);
        }
        return new JsonRowDecoder(schema, lineageColumns);
    }

    private void process(ConsumerRecord<byte[], byte[]> r) {
        if (next.isEmpty()) {
            batchStartedNanos = System.nanoTime();
        }
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        int size = Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
        metrics.recordsRead.incrementAndGet();
        metrics.bytesRead.addAndGet(size);
        runBytes += size;
        batchBytes += size;
        if (isEcho(r)) {
            metrics.recordsSkippedLoopGuard.incrementAndGet();
            runSkipped++;
            next.put(tp, r.offset() + 1);
            return;
        }
        batch.startRow();
        try {
            if (r.value() == null) {
                throw Problem.of("Record has no value (a tombstone)").because("the table needs a row per record")
                        .fix("do not send tombstones to this topic, or let them go to the dead-letter topic").data();
            }
            decoder.decodeInto(r.value(), 0, r.value().length, batch);
            lineage.fill(r, batch);
            batch.commitRow();
            batchRows++;
            if (builders.length == 2 && batch.rowCount() >= chunkRows) {
                handOff();
            }
        } catch (DataException e) {
            batch.rollbackRow();
            if (deadLetters == null || mapping.onError() == OnError.FAIL) {
                stopAt(r, e);
            }
            deadLetters.send(r, e);
            metrics.recordsDeadLettered.incrementAndGet();
            runSkipped++;
            listener.onDeadLetter(mapping.name(), r.topic(), r.partition(), r.offset(), e);
        }
        next.put(tp, r.offset() + 1);
    }

    /** on-error: fail — commit what came before the bad record, then stop with a data error. */
    private void stopAt(ConsumerRecord<byte[], byte[]> r, DataException e) {
        flush();
        throw Problem.of("Record %s-%d@%d of mapping '%s' cannot be written to %s", r.topic(), r.partition(), r.offset(), mapping.name(), tableUri)
                .because("%s", e.getMessage())
                .fix(mapping.deadLetterTopic().isPresent()
                        ? "fix the producer, or set 'on-error: dead-letter' to route such records to '" + mapping.deadLetterTopic().get() + "'"
                        : "fix the producer, or set 'dead-letter-topic' so that such records are set aside")
                .data(e);
    }

    private boolean isEcho(ConsumerRecord<byte[], byte[]> r) {
        return LineageHeaders.comesFrom(r.headers(), tableUri);
    }

    /** Gives the full chunk to the writer thread and continues in the other builder once its chunk is written. */
    private void handOff() {
        if (streaming == null) {
            streaming = appender.startStreaming(ioThread);
            // sequence numbers are per streaming write
            handed[0] = 0;
            handed[1] = 0;
        }
        handed[current] = streaming.add(batch.build());
        current ^= 1;
        streaming.awaitConsumed(handed[current]);
        batch = builders[current];
        batch.reset();
    }

    /**
     * The consumer's position moves past transaction markers, which are never returned as records:
     * store it, not last offset + 1, so that a transactional source topic read to its end shows no
     * lag. Called after a poll's records are processed, for the partitions it returned (or, when it
     * returned nothing, every assigned partition).
     */
    private void advancePastControlRecords(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            if (!consumer.assignment().contains(tp)) {
                continue;
            }
            Long known = next.containsKey(tp) ? next.get(tp) : expected.get(tp);
            if (known == null) {
                continue; // read from the beginning, nothing stored yet: the first record sets it
            }
            long position = consumer.position(tp);
            if (position > known) {
                if (next.isEmpty()) {
                    batchStartedNanos = System.nanoTime();
                }
                next.put(tp, position);
            }
        }
    }

    private boolean batchFull() {
        return batchRows >= mapping.flush().maxRecords() || batchBytes >= mapping.flush().maxBytes();
    }

    private boolean reachedEnd(Map<TopicPartition, Long> endOffsets) {
        if (!assigned) {
            return false;
        }
        for (TopicPartition tp : consumer.assignment()) {
            Long end = endOffsets.get(tp);
            if (end != null && consumer.position(tp) < end) {
                return false;
            }
        }
        return true;
    }

    /** Writes and commits the open batch; a no-op when nothing was consumed since the last commit. */
    private void flush() {
        if (next.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        if (deadLetters != null) {
            deadLetters.awaitDurable();
        }
        PendingWrite write;
        if (batchRows == 0) {
            write = appender.noRows();
        } else if (builders.length == 2) {
            if (batch.rowCount() > 0) {
                handOff();
            }
            write = streaming.finish();
            streaming = null;
        } else {
            write = appender.write(batch.build());
        }
        faults.afterFilesWritten(write);
        Map<TopicPartition, Long> committed = Map.copyOf(next);
        long version;
        try {
            version = appender.commit(write, expected, committed);
        } catch (OffsetsMovedException e) {
            LOG.warn("Mapping '{}': another writer committed {} meanwhile; discarding {} buffered records and re-reading from the table's offsets",
                    mapping.name(), e.partitions(), batchRows);
            metrics.batchesDiscarded.incrementAndGet();
            discardBatch();
            seekToStored(new HashSet<>(consumer.assignment()));
            return;
        }
        long rows = write.rows();
        expected.putAll(committed);
        metrics.commitTook((System.nanoTime() - started) / 1_000_000);
        metrics.recordsWritten.addAndGet(rows);
        metrics.filesWritten.addAndGet(write.files());
        metrics.bytesWritten.addAndGet(write.bytes());
        runCommits++;
        runRecords += rows;
        discardBatch();
        LOG.debug("Mapping '{}': committed {} records as version {} of {}", mapping.name(), rows, version, tableUri);
        listener.onBatchCommitted(mapping.name(), version, rows);
        faults.afterDeltaCommit(version);
        commitToGroup(committed);
        updateLag();
    }

    private void commitToGroup(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> group = new HashMap<>();
        offsets.forEach((tp, o) -> group.put(tp, new OffsetAndMetadata(o)));
        try {
            consumer.commitSync(group);
        } catch (KafkaException e) {
            // the table holds the truth; the group offsets only feed lag tools
            LOG.info("Mapping '{}': committing offsets to group '{}' failed ({}); the table has them", mapping.name(), groupId(), e.toString());
        }
    }

    private void updateLag() {
        long lag = 0;
        for (TopicPartition tp : consumer.assignment()) {
            lag += consumer.currentLag(tp).orElse(0);
        }
        metrics.consumerLag.set(lag);
    }

    private void discardBatch() {
        if (streaming != null) {
            streaming.abort();
            streaming = null;
        }
        for (BatchBuilder b : builders) {
            b.reset();
        }
        batchRows = 0;
        next.clear();
        batchBytes = 0;
    }

    private void seekToStored(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> stored = appender.refreshOffsets();
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long offset = stored.get(tp);
            expected.put(tp, offset);
            if (offset == null) {
                fromStart.add(tp);
            } else {
                consumer.seek(tp, offset);
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
        LOG.info("Mapping '{}': reading {} from the offsets stored in {} ({}; none stored means from the beginning)",
                mapping.name(), partitions, tableUri, stored);
    }

    private List<TopicPartition> partitionsOfTopics() {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : mapping.topics()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw Problem.of("Topic '%s' of mapping '%s' does not exist", topic, mapping.name())
                        .fix("create the topic, or correct 'from.kafka'").config();
            }
            infos.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
        }
        return all;
    }

    private void rethrowListenerFailure() {
        if (listenerFailure != null) {
            RuntimeException e = listenerFailure;
            listenerFailure = null;
            throw e;
        }
    }

    private void closeRun() {
        if (builders != null) {
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
        if (ioThread != null) {
            ioThread.shutdownNow();
            ioThread = null;
        }
        batch = null;
        builders = null;
    }

    /** Seeks on assignment; commits the open batch before partitions go to another instance. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned = true;
            if (!partitions.isEmpty()) {
                guard(() -> seekToStored(partitions));
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            guard(KafkaToDeltaPipeline.this::flush);
            partitions.forEach(expected::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // another instance may own them already: nothing buffered may be committed
            LOG.warn("Mapping '{}': partitions {} were lost; discarding {} buffered records", mapping.name(), partitions, batchRows);
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

    @Override
    public PipelineStatus status() {
        Optional<Snapshot> snapshot = DeltaAppender.latest(engine, mapping.table());
        Map<TopicPartition, Long> stored = snapshot
                .flatMap(s -> s.getDomainMetadata(domain))
                .map(json -> StoredOffsets.fromJson(domain, json))
                .orElseGet(Map::of);
        try (Consumer<byte[], byte[]> c = kafka.consumer(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, groupId() + ".status"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : mapping.topics()) {
                Optional.ofNullable(c.partitionsFor(topic)).orElse(List.of())
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            Map<TopicPartition, Long> ends = c.endOffsets(partitions);
            Map<TopicPartition, Long> starts = c.beginningOffsets(partitions);
            Map<String, Long> position = new java.util.TreeMap<>();
            Map<String, Long> latest = new java.util.TreeMap<>();
            long lag = 0;
            for (TopicPartition tp : partitions) {
                long at = stored.getOrDefault(tp, starts.getOrDefault(tp, 0L));
                long end = ends.getOrDefault(tp, 0L);
                stored.computeIfPresent(tp, (k, v) -> {
                    position.put(k.toString(), v);
                    return v;
                });
                latest.put(tp.toString(), end);
                lag += Math.max(0, end - at);
            }
            Optional<Instant> lastCommit = snapshot.map(s -> Instant.ofEpochMilli(s.getTimestamp(engine)));
            return new PipelineStatus(mapping.name(), "kafka-to-delta", position, latest, lag, lastCommit);
        }
    }

    @Override
    public Plan validate() {
        List<String> lines = new ArrayList<>();
        try (Admin admin = kafka.admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(mapping.topics()).allTopicNames().get();
            topics.values().forEach(t -> lines.add("topic " + t.name() + ": " + t.partitions().size() + " partitions"));
            if (mapping.deadLetterTopic().isPresent()) {
                String dlq = mapping.deadLetterTopic().get();
                boolean exists = admin.listTopics().names().get().contains(dlq);
                lines.add("dead-letter topic " + dlq + (exists ? ": exists" : ": missing (created on first use if the broker auto-creates topics)"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.of("Interrupted while checking the topics of '%s'", mapping.name()).runtime(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw Problem.of("The topics %s of mapping '%s' cannot be described", mapping.topics(), mapping.name())
                    .because("%s", e.getCause().getMessage())
                    .fix("create the topics, check 'kafka.bootstrap.servers' and the bridge's permissions").config(e.getCause());
        }
        Optional<Snapshot> snapshot = DeltaAppender.latest(engine, mapping.table());
        if (snapshot.isPresent()) {
            Snapshot s = snapshot.get();
            lines.add("table " + tableUri + ": version " + s.getVersion() + ", partitioned by " + s.getPartitionColumnNames()
                    + ", schema " + s.getSchema().fieldNames());
            Set<String> missing = new HashSet<>(LineageColumns.ALL);
            missing.removeAll(s.getSchema().fieldNames());
            if (mapping.lineageColumns() && !missing.isEmpty()) {
                lines.add("lineage columns " + missing + " are not in the table: they will not be written");
            }
        } else if (mapping.create()) {
            lines.add("table " + tableUri + ": will be created, partitioned by " + mapping.partitionBy()
                    + ", schema " + TargetTable.schemaToCreate(mapping, registry).fieldNames());
        } else {
            throw TargetTable.notFound(mapping);
        }
        lines.add("format " + mapping.format().name().toLowerCase() + ", consumer group " + groupId()
                + ", offsets in domain metadata " + domain
                + ", flush every " + mapping.flush().maxRecords() + " records / " + mapping.flush().maxBytes() + " bytes / " + mapping.flush().maxInterval()
                + ", bad records: " + (mapping.deadLetterTopic().isPresent() && mapping.onError() == OnError.DEAD_LETTER
                        ? "to " + mapping.deadLetterTopic().get() : "stop the run"));
        return new Plan(mapping.name(), lines);
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "kafka→delta " + mapping.name() + " " + mapping.topics() + " → " + tableUri;
    }
}
