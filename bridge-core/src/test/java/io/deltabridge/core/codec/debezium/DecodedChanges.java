package io.deltabridge.core.codec.debezium;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.ChangeDecoder;
import io.deltabridge.core.codec.ChangeOp;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.TestValues;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Feeds events to a {@link ChangeDecoder} the way kafka → delta does, and keeps what it decoded. */
final class DecodedChanges {
    /** One applied change: the op and the row decoded for it (null for SKIP). */
    record Change(ChangeOp op, List<Object> row) {}

    private final ChangeDecoder decoder;
    private final BatchBuilder batch;
    private final List<ChangeOp> ops = new ArrayList<>();

    DecodedChanges(ChangeDecoder decoder, StructType schema) {
        this.decoder = decoder;
        this.batch = new BatchBuilder(schema);
    }

    /** Decodes one record value (null: a tombstone); rolls back and rethrows on an error. */
    ChangeOp apply(byte[] key, byte[] value) {
        batch.startRow();
        ChangeOp op;
        try {
            op = decoder.decodeInto(key, value, new RecordHeaders(), batch);
        } catch (RuntimeException e) {
            batch.rollbackRow();
            throw e;
        }
        if (op == ChangeOp.SKIP) {
            batch.rollbackRow();
        } else {
            batch.commitRow();
            ops.add(op);
        }
        return op;
    }

    /** The changes applied so far, in order (SKIPs left out). */
    List<Change> changes() {
        List<List<Object>> rows = TestValues.rows(batch.build());
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(new Change(ops.get(i), rows.get(i)));
        }
        return out;
    }
}
