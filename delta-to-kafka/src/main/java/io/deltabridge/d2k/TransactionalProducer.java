package io.deltabridge.d2k;

import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.error.Problem;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A mapping's transactional producer: whether a transaction is open, and send failures seen by callbacks. */
final class TransactionalProducer {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalProducer.class);

    private final Producer<byte[], byte[]> producer;
    private final DeltaToKafkaMapping mapping;
    private final AtomicReference<Exception> sendError = new AtomicReference<>();
    private final Callback sendCallback = this::onSendCompleted;
    private boolean transactionOpen;

    TransactionalProducer(Producer<byte[], byte[]> producer, DeltaToKafkaMapping mapping) {
        this.producer = producer;
        this.mapping = mapping;
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
        }
    }

    void send(ProducerRecord<byte[], byte[]> record) {
        producer.send(record, sendCallback);
    }

    /** Sends {@code progressRecord} and commits it with the events sent since the transaction began. */
    void commit(ProducerRecord<byte[], byte[]> progressRecord) {
        producer.send(progressRecord, sendCallback);
        producer.commitTransaction();
        transactionOpen = false;
        Exception failed = sendError.getAndSet(null);
        if (failed != null) {
            // commitTransaction fails when a send failed; this is a safety net for callbacks seen late
            throw Problem.of("A record of mapping '%s' could not be published", mapping.name())
                    .because("%s", failed.getMessage()).fix("check the broker and the topic '%s'", mapping.topic())
                    .runtime(failed);
        }
    }

    /** Aborts the open transaction, if any; true when there was one. */
    boolean abortIfOpen() {
        if (!transactionOpen) {
            return false;
        }
        producer.abortTransaction();
        transactionOpen = false;
        return true;
    }

    /** After a failure: abort the open transaction if the producer still can (not when fenced). */
    void abortQuietly() {
        if (transactionOpen) {
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

    private void onSendCompleted(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            sendError.compareAndSet(null, exception);
        }
    }
}
