package io.deltabridge.k2d;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.RowDecoder;
import io.deltabridge.core.codec.avro.ConfluentAvroSerde;
import io.deltabridge.core.codec.json.JsonRowDecoder;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.OnError;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.lineage.LineageHeaders;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.core.vector.BatchBuilder;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Sends each consumed record where it belongs: skipped when it is an echo of this table (loop
 * guard), decoded into the open batch, or — when it cannot be decoded — to the dead-letter topic
 * or, with {@code on-error: fail}, to a data error after what came before it is committed.
 */
final class RecordRouter {
    private final KafkaToDeltaMapping mapping;
    private final String tableUri;
    private final KafkaToDeltaMetrics metrics;
    private final PipelineListener listener;
    private final RowDecoder decoder;
    private final LineageColumns lineage;
    /** Null when the mapping has no dead-letter topic. */
    private final DeadLetters deadLetters;
    private final RowBuffer rows;
    private final FlushTracker flushes;
    private final RunTotals totals;
    /** Commits the open batch; called before a bad record stops the run. */
    private final Runnable flush;

    RecordRouter(KafkaToDeltaMapping mapping, String tableUri, KafkaToDeltaMetrics metrics, PipelineListener listener,
                 RowDecoder decoder, LineageColumns lineage, DeadLetters deadLetters,
                 RowBuffer rows, FlushTracker flushes, RunTotals totals, Runnable flush) {
        this.mapping = mapping;
        this.tableUri = tableUri;
        this.metrics = metrics;
        this.listener = listener;
        this.decoder = decoder;
        this.lineage = lineage;
        this.deadLetters = deadLetters;
        this.rows = rows;
        this.flushes = flushes;
        this.totals = totals;
        this.flush = flush;
    }

    /** The decoder of the mapping's format for a table of {@code schema}. */
    static RowDecoder decoder(KafkaToDeltaMapping mapping, StructType schema, Set<String> lineageColumns,
                              Optional<SchemaRegistryClient> registry) {
        if (mapping.format() == Format.AVRO) {
            return new ConfluentAvroSerde(registry.orElseThrow(() -> Problem.of("Mapping '%s' uses avro but no schema registry is configured", mapping.name())
                    .fix("add 'schema-registry: {url: ...}' to the mapping file").config())).decoder(schema, lineageColumns);
        }
        return new JsonRowDecoder(schema, lineageColumns);
    }

    void route(ConsumerRecord<byte[], byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        int size = Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
        flushes.recordRead();
        metrics.recordsRead.incrementAndGet();
        metrics.bytesRead.addAndGet(size);
        totals.bytes += size;
        if (isEcho(r)) {
            metrics.recordsSkippedLoopGuard.incrementAndGet();
            totals.skipped++;
            flushes.consumed(tp, r.offset() + 1);
            return;
        }
        BatchBuilder batch = rows.builder();
        batch.startRow();
        try {
            if (r.value() == null) {
                throw Problem.of("Record has no value (a tombstone)").because("the table needs a row per record")
                        .fix("do not send tombstones to this topic, or let them go to the dead-letter topic").data();
            }
            decoder.decodeInto(r.value(), 0, r.value().length, batch);
            lineage.fill(r, batch);
            batch.commitRow();
            rows.rowAdded();
        } catch (DataException e) {
            batch.rollbackRow();
            if (deadLetters == null || mapping.onError() == OnError.FAIL) {
                stopAt(r, e);
            }
            deadLetters.send(r, e);
            metrics.recordsDeadLettered.incrementAndGet();
            totals.skipped++;
            listener.onDeadLetter(mapping.name(), r.topic(), r.partition(), r.offset(), e);
        }
        flushes.consumed(tp, r.offset() + 1);
    }

    /** on-error: fail — commit what came before the bad record, then stop with a data error. */
    private void stopAt(ConsumerRecord<byte[], byte[]> r, DataException e) {
        flush.run();
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
}
