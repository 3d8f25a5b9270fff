package io.deltabridge.k2d;

import io.deltabridge.core.config.OnError;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.lineage.LineageHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Sends each consumed record where it belongs: skipped when it is an echo of this table (loop
 * guard), into the open batch, or — when it cannot be written — to the dead-letter topic or, with
 * {@code on-error: fail}, back to the loop as a {@link RecordRejected} (which commits what came
 * before it, then stops).
 */
final class RecordRouter {
    private final MappingIdentity id;
    private final PipelineServices services;
    private final OpenBatch batch;
    /** Null when the mapping has no dead-letter topic. */
    private final DeadLetters deadLetters;

    private final RunTotals totals;

    RecordRouter(
            MappingIdentity id, PipelineServices services, OpenBatch batch, DeadLetters deadLetters, RunTotals totals) {
        this.id = id;
        this.services = services;
        this.batch = batch;
        this.deadLetters = deadLetters;
        this.totals = totals;
    }

    /** @throws RecordRejected when the record cannot be written and must stop the run; it is not consumed */
    void route(ConsumerRecord<byte[], byte[]> r) {
        KafkaToDeltaMetrics metrics = services.metrics();
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        int size = Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
        batch.read(r.timestamp());
        metrics.recordsRead.increment();
        metrics.bytesRead.increment(size);
        totals.bytes += size;
        if (LineageHeaders.comesFrom(r.headers(), id.tableUri())) {
            metrics.recordsSkippedLoopGuard.increment();
            totals.skipped++;
        } else {
            try {
                batch.add(r);
            } catch (DataException e) {
                setAside(r, e);
            }
        }
        batch.consumed(tp, r.offset() + 1);
    }

    private void setAside(ConsumerRecord<byte[], byte[]> r, DataException e) {
        if (deadLetters == null || id.mapping().onError() == OnError.FAIL) {
            throw new RecordRejected(stopAt(r, e));
        }
        deadLetters.send(r, e);
        services.metrics().deadLettered(e);
        totals.skipped++;
        services.listener().onDeadLetter(id.name(), r.topic(), r.partition(), r.offset(), e);
    }

    private RuntimeException stopAt(ConsumerRecord<byte[], byte[]> r, DataException e) {
        var dlq = id.mapping().deadLetterTopic();
        return Problem.of(
                        "Record %s-%d@%d of mapping '%s' cannot be written to %s",
                        r.topic(), r.partition(), r.offset(), id.name(), id.tableUri())
                .because("%s", e.getMessage())
                .fix(
                        dlq.isPresent()
                                ? "fix the producer, or set 'on-error: dead-letter' to route such records to '"
                                        + dlq.get() + "'"
                                : "fix the producer, or set 'dead-letter-topic' so that such records are set aside")
                .data(e);
    }

    /** on-error: fail — the loop commits what came before the record, then throws {@link #error()}. */
    static final class RecordRejected extends RuntimeException {
        private final RuntimeException error;

        RecordRejected(RuntimeException error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }

        RuntimeException error() {
            return error;
        }
    }
}
