package io.deltabridge.d2k;

import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.retry.Backoff;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A mapping's transactional producer: whether a transaction is open, and send failures seen by callbacks. */
final class TransactionalProducer {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalProducer.class);
    private static final Duration COMMIT_RETRY_FIRST = Duration.ofMillis(100);
    private static final Duration COMMIT_RETRY_MAX = Duration.ofSeconds(5);

    private final Producer<byte[], byte[]> producer;
    private final DeltaToKafkaMapping mapping;
    private final AtomicReference<SendFailure> sendError = new AtomicReference<>();
    private final Callback progressCallback = (metadata, exception) -> onSendCompleted(exception, -1, -1);
    private final Duration transactionTimeout;
    /** A third of the transaction timeout: how long a transaction stays open, well before the coordinator aborts it. */
    private final long splitAfterNanos;

    private final LongSupplier nanoTime;

    private boolean transactionOpen;
    /** A commitTransaction timed out: the outcome is up to the coordinator. */
    private boolean commitInDoubt;

    private long openedAtNanos;

    /** @param transactionTimeout the producer's {@code transaction.timeout.ms} */
    TransactionalProducer(Producer<byte[], byte[]> producer, DeltaToKafkaMapping mapping, Duration transactionTimeout) {
        this(producer, mapping, transactionTimeout, System::nanoTime);
    }

    TransactionalProducer(
            Producer<byte[], byte[]> producer,
            DeltaToKafkaMapping mapping,
            Duration transactionTimeout,
            LongSupplier nanoTime) {
        this.producer = producer;
        this.mapping = mapping;
        this.transactionTimeout = transactionTimeout;
        this.splitAfterNanos = transactionTimeout.toNanos() / 3;
        this.nanoTime = nanoTime;
    }

    /**
     * Fences any older producer with this transactional id and aborts its open transaction, so
     * that reading the progress topic afterwards (read_committed) sees a settled end.
     */
    void fence() {
        producer.initTransactions();
    }

    void beginIfNeeded() {
        if (!transactionOpen) {
            producer.beginTransaction();
            transactionOpen = true;
            openedAtNanos = nanoTime.getAsLong();
        }
    }

    /**
     * How long the open transaction may still take in before it should be committed: a third
     * of the transaction timeout in all, well before the coordinator aborts it.
     */
    Duration untilSplit() {
        return transactionOpen ? Duration.ofNanos(splitAfterNanos - openNanos()) : transactionTimeout;
    }

    /** As {@link #untilSplit()}, for a transaction that should end at most {@code limit} after it began. */
    Duration untilSplit(Duration limit) {
        Duration untilLimit = transactionOpen ? limit.minus(openFor()) : limit;
        Duration untilSplit = untilSplit();
        return untilLimit.compareTo(untilSplit) < 0 ? untilLimit : untilSplit;
    }

    /** Asked before every event, hence in nanoseconds: {@code Duration.dividedBy} goes through BigDecimal. */
    boolean splitDue() {
        return transactionOpen && openNanos() > splitAfterNanos;
    }

    private long openNanos() {
        return nanoTime.getAsLong() - openedAtNanos;
    }

    private Duration openFor() {
        return Duration.ofNanos(openNanos());
    }

    /** Sends the event for change row {@code ordinal} of {@code version}. */
    void send(ProducerRecord<byte[], byte[]> record, long version, long ordinal) {
        try {
            producer.send(record, (metadata, exception) -> onSendCompleted(exception, version, ordinal));
        } catch (KafkaException e) {
            throw rootCause(e);
        }
    }

    /** Sends {@code progressRecord} and commits it with the events sent since the transaction began. */
    void commit(ProducerRecord<byte[], byte[]> progressRecord) {
        try {
            producer.send(progressRecord, progressCallback);
            commitTransaction();
        } catch (KafkaException e) {
            throw rootCause(e);
        }
        transactionOpen = false;
        commitInDoubt = false;
        SendFailure failed = sendError.getAndSet(null);
        if (failed != null) {
            // commitTransaction fails when a send failed; this is a safety net for callbacks seen late
            throw Problem.of("A record of mapping '%s' could not be published", mapping.name())
                    .because("%s", failed.exception().getMessage())
                    .fix("check the broker and the topic '%s'", mapping.topic())
                    .runtime(failed.exception());
        }
    }

    /**
     * Kafka's contract: a commit that timed out may have reached the coordinator, so the only safe
     * moves are to call commitTransaction again or to close the producer. It is retried until the
     * transaction is older than its timeout; by then the coordinator has ended it either way, and
     * the next producer's fencing settles which.
     */
    private void commitTransaction() {
        Backoff backoff = Backoff.exponential(COMMIT_RETRY_FIRST, COMMIT_RETRY_MAX);
        while (true) {
            try {
                producer.commitTransaction();
                return;
            } catch (TimeoutException e) {
                commitInDoubt = true;
                if (openFor().compareTo(transactionTimeout) > 0) {
                    throw e;
                }
                LOG.warn(
                        "Committing the transaction of mapping {} timed out; retrying ({})",
                        mapping.name(),
                        e.getMessage());
                try {
                    backoff.sleep();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new InterruptException(interrupted);
                }
            }
        }
    }

    /**
     * Once a send failed, every later call fails with Kafka's "in an error state": report the send
     * that caused it instead, when it is one the user must act on.
     */
    private RuntimeException rootCause(KafkaException e) {
        if (transactionOpen && openFor().compareTo(transactionTimeout) >= 0 && fencedOrTimedOut(e)) {
            return Problem.of("Mapping '%s': the transaction timed out and the coordinator aborted it", mapping.name())
                    .because(
                            "it was open for %ss, longer than transaction.timeout.ms (%s ms); nothing of it was"
                                    + " published",
                            openFor().toSeconds(), transactionTimeout.toMillis())
                    .fix("check what slowed it (the table's storage, the brokers), or raise transaction.timeout.ms"
                            + " in the file's kafka: or producer: settings (at most the brokers'"
                            + " transaction.max.timeout.ms); the next run resumes from the last commit")
                    .runtime(e);
        }
        SendFailure failed = sendError.get();
        if (failed != null && failed.exception() instanceof RecordTooLargeException tooLarge) {
            return Problem.of(
                            "Mapping '%s': change row %d of version %d is too large for a Kafka record",
                            mapping.name(), failed.ordinal(), failed.version())
                    .because("%s", tooLarge.getMessage())
                    .fix("raise 'max.request.size' in the file's kafka: or producer: settings, the topic's"
                            + " max.message.bytes (and the brokers' message.max.bytes) above the record's size, or"
                            + " leave large columns out with 'columns'")
                    .data(tooLarge);
        }
        return e;
    }

    /** What the client reports when the coordinator aborted the transaction and bumped the epoch. */
    private static boolean fencedOrTimedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException
                    || t instanceof InvalidProducerEpochException
                    || t instanceof InvalidTxnStateException
                    || t instanceof TransactionAbortedException) {
                return true;
            }
        }
        return false;
    }

    /** The first failed send of the transaction; version and ordinal are -1 for the progress record. */
    private record SendFailure(Exception exception, long version, long ordinal) {}

    /** Aborts the open transaction, if any; true when there was one. */
    boolean abortIfOpen() {
        if (!transactionOpen) {
            return false;
        }
        producer.abortTransaction();
        transactionOpen = false;
        return true;
    }

    /**
     * After a failure: abort the open transaction if the producer still can (not when fenced, and
     * not after a commit that timed out: only commitTransaction or close are allowed then).
     */
    void abortQuietly() {
        if (transactionOpen && !commitInDoubt) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException e) {
                LOG.debug("Aborting the transaction of mapping {} failed", mapping.name(), e);
            }
        }
        transactionOpen = false;
    }

    void close() {
        try {
            producer.close(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.warn("Closing the producer of mapping {} failed: {}", mapping.name(), e.toString());
        }
    }

    private void onSendCompleted(Exception exception, long version, long ordinal) {
        if (exception != null) {
            sendError.compareAndSet(null, new SendFailure(exception, version, ordinal));
        }
    }
}
