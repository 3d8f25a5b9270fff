package io.deltabridge.k2d.delta;

import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.CommitStateUnknownException;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.exceptions.MaxCommitRetryLimitReachedException;
import io.delta.kernel.exceptions.TableAlreadyExistsException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.transaction.DataLayoutSpec;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.deltabridge.core.delta.StorageConnectors;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.retry.Backoff;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends column batches to one Delta table with Delta Kernel and stores the Kafka position in
 * the same commit (domain metadata, see {@link StoredOffsets}).
 *
 * <p>Data files are written first ({@link #write}), then {@link #commit} makes them part of
 * the table together with the offsets, as one {@code STREAMING UPDATE} commit. Before every
 * commit attempt the offsets stored in the latest snapshot are compared with those the batch
 * started from: if another writer moved them, the batch would duplicate records and is
 * refused ({@link OffsetsMovedException}); its files stay orphaned, which readers ignore.
 * Concurrent blind appends are rebased by Kernel; other conflicts and failed log writes reload and
 * retry with jittered backoff, {@link #MAX_COMMIT_ATTEMPTS} times at most; an unknown outcome is
 * resolved from the stored offsets.
 *
 * <p>Existing tables without the {@code domainMetadata} writer feature get it enabled by the
 * first commit (a protocol upgrade to writer version 7, which Spark 3.4+ and Kernel read).
 */
public final class DeltaAppender {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaAppender.class);
    private static final String DOMAIN_METADATA_FEATURE = "domainMetadata";
    /** Our attempts per batch; each is itself up to {@link #KERNEL_RETRIES} + 1 tries of Kernel's. */
    private static final int MAX_COMMIT_ATTEMPTS = 10;
    /** Kernel retries a failed log write at once: few of those, then our attempts with backoff. */
    private static final int KERNEL_RETRIES = 3;

    private static final Duration COMMIT_BACKOFF_INITIAL = Duration.ofMillis(50);
    private static final Duration COMMIT_BACKOFF_MAX = Duration.ofSeconds(2);

    private final Engine engine;
    private final String tablePath;
    private final String domain;
    private Snapshot snapshot;

    private DeltaAppender(Engine engine, Snapshot snapshot, String domain) {
        this.engine = engine;
        this.tablePath = snapshot.getPath();
        this.domain = domain;
        this.snapshot = snapshot;
    }

    /** The latest snapshot of the table at {@code path}, or empty when there is no Delta table there. */
    public static Optional<Snapshot> latest(Engine engine, String path) {
        try {
            return Optional.of(TableManager.loadSnapshot(path).build(engine));
        } catch (TableNotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw StorageConnectors.missing(path, e)
                    .<RuntimeException>map(missing -> missing)
                    .orElse(e);
        }
    }

    /** Appends to an existing table; refuses one with features the bridge cannot write ({@link WritableFeatures}). */
    public static DeltaAppender open(Engine engine, Snapshot snapshot, String domain) {
        WritableFeatures.require(engine, snapshot);
        return new DeltaAppender(engine, snapshot, domain);
    }

    /**
     * Creates the table (version 0, no data) with the domain-metadata feature enabled; when
     * another writer created it meanwhile, uses theirs.
     */
    public static DeltaAppender create(
            Engine engine,
            String path,
            StructType schema,
            List<String> partitionBy,
            Map<String, String> properties,
            String domain) {
        Map<String, String> props = new HashMap<>(properties);
        props.put("delta.feature." + DOMAIN_METADATA_FEATURE, "supported");
        var builder = TableManager.buildCreateTableTransaction(path, schema, EngineInfo.VALUE)
                .withTableProperties(props);
        if (!partitionBy.isEmpty()) {
            builder = builder.withDataLayoutSpec(DataLayoutSpec.partitioned(
                    partitionBy.stream().map(Column::new).toList()));
        }
        try {
            TransactionCommitResult result = builder.build(engine).commit(engine, CloseableIterable.emptyIterable());
            runHooks(engine, result);
        } catch (ConcurrentWriteException | TableAlreadyExistsException e) {
            // the latter when the other writer's version 0 landed before this transaction was built
            LOG.info("Table {} was created concurrently by another writer; appending to it", path);
        }
        return new DeltaAppender(engine, latest(engine, path).orElseThrow(), domain);
    }

    public String tablePath() {
        return tablePath;
    }

    public Engine engine() {
        return engine;
    }

    public StructType schema() {
        return snapshot.getSchema();
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** The offsets stored in the snapshot held now (the latest when opened or last refreshed); no reload. */
    public Map<TopicPartition, Long> storedOffsets() {
        return offsets(snapshot);
    }

    /** Reloads the latest snapshot and returns the offsets stored there. */
    public Map<TopicPartition, Long> refreshOffsets() {
        snapshot = TableManager.loadSnapshot(tablePath).build(engine);
        return offsets(snapshot);
    }

    private Map<TopicPartition, Long> offsets(Snapshot s) {
        return s.getDomainMetadata(domain)
                .map(json -> StoredOffsets.fromJson(domain, json))
                .orElseGet(HashMap::new);
    }

    /**
     * Starts writing the chunks of one flush on {@code ioThread}; nothing is visible until {@link #commit}.
     * {@code bufferBytes}: how many decoded bytes a partitioned table's write may buffer to write one file per
     * partition value rather than one per value per chunk.
     */
    public ChunkedWrite startWrite(Executor ioThread, long bufferBytes) {
        Transaction txn = newTransaction(snapshot);
        return snapshot.getPartitionColumnNames().isEmpty()
                ? new StreamingWrite(engine, txn, tablePath, ioThread)
                : new PartitionedWrite(engine, txn, tablePath, ioThread, bufferBytes);
    }

    /** A batch without rows: the commit only moves the offsets. */
    public PendingWrite noRows() {
        return new PendingWrite(null, List.of(), 0);
    }

    /** Writes one batch on the calling thread (one group of files per partition value). */
    public PendingWrite write(ColumnarBatch batch) {
        ChunkedWrite write =
                new PartitionedWrite(engine, newTransaction(snapshot), tablePath, Runnable::run, Long.MAX_VALUE);
        write.add(batch);
        return write.finish();
    }

    /**
     * Commits the change (its files written) with the new offsets ({@code next}: next offset to read per
     * partition), provided the table still holds {@code expected} for those partitions
     * (a missing value: the table had no offset for it).
     *
     * @return the table version committed
     * @throws OffsetsMovedException when another writer committed offsets of these partitions
     */
    public long commit(TableChange change, Map<TopicPartition, Long> expected, Map<TopicPartition, Long> next) {
        // a batch of only dead letters or skipped records still moves the offsets
        requireTable();
        Transaction txn = change.transaction() != null ? change.transaction() : newTransaction(snapshot);
        Snapshot base = snapshot;
        Backoff backoff = Backoff.exponential(COMMIT_BACKOFF_INITIAL, COMMIT_BACKOFF_MAX);
        for (int attempt = 1; ; attempt++) {
            Map<TopicPartition, Long> stored = offsets(base);
            requireUnmoved(stored, expected, next.keySet());
            Map<TopicPartition, Long> merged = new HashMap<>(stored);
            merged.putAll(next);
            txn.addDomainMetadata(domain, StoredOffsets.toJson(merged));
            RuntimeException failure;
            try {
                TransactionCommitResult result =
                        txn.commit(engine, CloseableIterable.inMemoryIterable(change.actions(engine, txn, base)));
                snapshot = result.getPostCommitSnapshot()
                        .orElseGet(() -> TableManager.loadSnapshot(tablePath).build(engine));
                runHooks(engine, result);
                return result.getVersion();
            } catch (ConcurrentWriteException | MaxCommitRetryLimitReachedException e) {
                failure = e; // another writer's conflicting commit, or the log store failing to write
            } catch (CommitStateUnknownException e) {
                if (landed(next)) {
                    return snapshot.getVersion();
                }
                failure = e;
            }
            if (attempt >= MAX_COMMIT_ATTEMPTS) {
                throw Problem.of("Committing to %s failed after %d attempts", tablePath, attempt)
                        .because(
                                "%s",
                                failure instanceof ConcurrentWriteException
                                        ? "other writers kept committing conflicting changes (" + failure.getMessage()
                                                + ")"
                                        : "the table's log could not be written (" + failure.getMessage() + ")")
                        .fix(
                                "check that the table location is reachable and writable, and how many writers it has; the run can be retried")
                        .retriable(failure);
            }
            LOG.debug("Commit to {} failed (attempt {}), retrying: {}", tablePath, attempt, failure.toString());
            pause(backoff);
            base = TableManager.loadSnapshot(tablePath).build(engine);
            snapshot = base;
            txn = newTransaction(base, change.rebasable());
        }
    }

    /**
     * The table must still be there: a commit into a removed table would start a log at a later
     * version without the ones before it, which no reader can open.
     */
    private void requireTable() {
        try {
            TableManager.loadSnapshot(tablePath).build(engine);
        } catch (TableNotFoundException e) {
            throw Problem.of("The Delta table %s is gone", tablePath)
                    .because("it was removed while the mapping was writing to it (%s)", e.getMessage())
                    .fix(
                            "restore the table from a backup; or, to start over, let the bridge create it again ('create: true'): "
                                    + "the new table has no stored offsets, so the topics are read again from the beginning")
                    .data(e);
        }
    }

    /**
     * After an unknown commit outcome: whether the table holds {@code next}, i.e. the commit landed.
     * When the table cannot be read now, the next attempt finds out (its offsets check refuses a
     * batch that did land).
     */
    private boolean landed(Map<TopicPartition, Long> next) {
        try {
            Map<TopicPartition, Long> now = refreshOffsets();
            return next.entrySet().stream().allMatch(en -> en.getValue().equals(now.get(en.getKey())));
        } catch (RuntimeException e) {
            LOG.debug("Reading {} after an unknown commit outcome failed: {}", tablePath, e.toString());
            return false;
        }
    }

    private void pause(Backoff backoff) {
        try {
            backoff.sleep();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.of("Interrupted while retrying a commit to %s", tablePath)
                    .runtime(e);
        }
    }

    private static void requireUnmoved(
            Map<TopicPartition, Long> stored, Map<TopicPartition, Long> expected, Set<TopicPartition> partitions) {
        Set<TopicPartition> moved = new HashSet<>();
        for (TopicPartition tp : partitions) {
            if (!Objects.equals(stored.get(tp), expected.get(tp))) {
                moved.add(tp);
            }
        }
        if (!moved.isEmpty()) {
            throw new OffsetsMovedException(moved);
        }
    }

    /**
     * A transaction on the current snapshot to write files for; {@code rebasable}: Kernel may commit it on
     * a newer snapshot itself, otherwise each concurrent commit fails the attempt so that it is planned again.
     */
    public Transaction newTransaction(boolean rebasable) {
        return newTransaction(snapshot, rebasable);
    }

    private Transaction newTransaction(Snapshot base) {
        return newTransaction(base, true);
    }

    private Transaction newTransaction(Snapshot base, boolean rebasable) {
        var builder = base.buildUpdateTableTransaction(EngineInfo.VALUE, Operation.STREAMING_UPDATE)
                .withMaxRetries(rebasable ? KERNEL_RETRIES : 0);
        if (!base.getProtocol().getWriterFeatures().contains(DOMAIN_METADATA_FEATURE)) {
            builder = builder.withTablePropertiesAdded(Map.of("delta.feature." + DOMAIN_METADATA_FEATURE, "supported"));
        }
        return builder.build(engine);
    }

    /** Post-commit hooks write checkpoints, checksums and log compactions; a failed one leaves a valid table. */
    private static void runHooks(Engine engine, TransactionCommitResult result) {
        for (PostCommitHook hook : result.getPostCommitHooks()) {
            try {
                hook.threadSafeInvoke(engine);
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "Post-commit {} of version {} failed (the commit itself succeeded): {}",
                        hook.getType(),
                        result.getVersion(),
                        e.toString());
            }
        }
    }
}
