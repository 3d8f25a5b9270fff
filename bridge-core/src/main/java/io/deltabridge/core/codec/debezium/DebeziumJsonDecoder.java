package io.deltabridge.core.codec.debezium;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.ChangeDecoder;
import io.deltabridge.core.codec.ChangeOp;
import io.deltabridge.core.codec.json.JsonRowDecoder;
import io.deltabridge.core.vector.BatchBuilder;
import java.util.Set;
import org.apache.kafka.common.header.Headers;

/**
 * Debezium JSON events, bare or in Kafka Connect's schema wrapper: the row image the {@code op} asks
 * for is decoded in place by a {@link JsonRowDecoder} (same rules as {@code envelope: row}: rescued
 * data, type errors naming the field, lineage columns left to the caller).
 */
final class DebeziumJsonDecoder implements ChangeDecoder {
    private final JsonRowDecoder rows;
    private final JsonEnvelope envelope = new JsonEnvelope();

    DebeziumJsonDecoder(StructType schema, Set<String> lineageColumns) {
        rows = new JsonRowDecoder(schema, lineageColumns);
    }

    @Override
    public ChangeOp decodeInto(byte[] key, byte[] value, Headers headers, BatchBuilder target) {
        if (value == null) {
            return ChangeOp.SKIP; // the tombstone after a delete, for log compaction
        }
        envelope.parse(value);
        if (envelope.nullPayload) {
            return ChangeOp.SKIP;
        }
        DebeziumOp op = DebeziumOp.of(envelope.op);
        JsonEnvelope.Slice row = op == DebeziumOp.DELETE_BEFORE ? envelope.before : envelope.after;
        if (!row.present()) {
            throw op.missingImage(envelope.op);
        }
        rows.decodeInto(value, row.start, row.length(), target);
        return op.op;
    }
}
