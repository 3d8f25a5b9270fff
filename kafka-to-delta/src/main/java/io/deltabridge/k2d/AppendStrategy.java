package io.deltabridge.k2d;

import io.deltabridge.core.codec.RowDecoder;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.k2d.delta.TableChange;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** {@code mode: append}: each record's value is a new row, with its lineage columns. */
final class AppendStrategy implements WriteStrategy {
    private final RowDecoder decoder;
    private final LineageColumns lineage;
    private final RowBuffer rows;

    AppendStrategy(RowDecoder decoder, LineageColumns lineage, RowBuffer rows) {
        this.decoder = decoder;
        this.lineage = lineage;
        this.rows = rows;
    }

    @Override
    public void add(ConsumerRecord<byte[], byte[]> r) {
        BatchBuilder batch = rows.builder();
        batch.startRow();
        try {
            if (r.value() == null) {
                throw Problem.of("Record has no value (a tombstone)")
                        .because("the table needs a row per record")
                        .fix("do not send tombstones to this topic, or let them go to the dead-letter topic")
                        .data();
            }
            decoder.decodeInto(r.value(), 0, r.value().length, batch);
            lineage.fill(r, batch);
            batch.commitRow();
            rows.rowAdded();
        } catch (DataException e) {
            batch.rollbackRow();
            throw e;
        }
    }

    @Override
    public long rowCount() {
        return rows.rowCount();
    }

    @Override
    public long byteSize() {
        return rows.byteSize();
    }

    @Override
    public TableChange prepare() {
        return rows.write();
    }

    @Override
    public void discard() {
        rows.discard();
    }

    @Override
    public void close() {
        rows.close();
    }
}
