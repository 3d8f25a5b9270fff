package io.deltabridge.core.codec.debezium;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.ChangeDecoder;
import io.deltabridge.core.codec.ChangeOp;
import io.deltabridge.core.codec.Utf8Buffer;
import io.deltabridge.core.codec.json.JsonRowDecoder;
import io.deltabridge.core.vector.BatchBuilder;
import java.util.Set;
import org.apache.kafka.common.header.Headers;

/**
 * Debezium JSON events, bare or in Kafka Connect's schema wrapper: the row image the {@code op} asks
 * for is decoded in place by a {@link JsonRowDecoder} (same rules as {@code envelope: row}: rescued
 * data, type errors naming the field, lineage columns left to the caller). With the wrapper, values of
 * Connect's and Debezium's semantic types (dates as days, timestamps as epoch counts, decimals as
 * base64) are first converted for the columns that need them ({@link JsonRowRewriter}).
 */
final class DebeziumJsonDecoder implements ChangeDecoder {
    private final JsonRowDecoder rows;
    private final JsonEnvelope envelope = new JsonEnvelope();
    private final ConnectJsonSchemas schemas;
    private final JsonRowRewriter rewriter = new JsonRowRewriter();

    DebeziumJsonDecoder(StructType schema, Set<String> lineageColumns) {
        rows = new JsonRowDecoder(schema, lineageColumns);
        schemas = new ConnectJsonSchemas(schema, lineageColumns);
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
        decodeImage(value, row, op, target);
        return op.op;
    }

    @Override
    public boolean replacedInto(byte[] value, BatchBuilder target) {
        if (!DebeziumOp.UPDATE.equals(envelope.op) || !envelope.before.present()) {
            return false;
        }
        decodeImage(value, envelope.before, DebeziumOp.DELETE_BEFORE, target);
        return true;
    }

    /** Decodes the image {@code row} (the one {@code op} uses) of the parsed event. */
    private void decodeImage(byte[] value, JsonEnvelope.Slice row, DebeziumOp op, BatchBuilder target) {
        RowConversions conversions = conversions(value, op);
        if (conversions.isEmpty()) {
            rows.decodeInto(value, row.start, row.length(), target);
        } else {
            Utf8Buffer converted = rewriter.rewrite(value, row.start, row.end, conversions);
            rows.decodeInto(converted.array(), 0, converted.size(), target);
        }
    }

    /** What the wrapper's schema asks to convert in the image {@code op} uses; none without a wrapper. */
    private RowConversions conversions(byte[] value, DebeziumOp op) {
        if (!envelope.schema.present()) {
            return RowConversions.NONE;
        }
        ConnectJsonSchemas.Plan plan = schemas.plan(value, envelope.schema.start, envelope.schema.end);
        return op == DebeziumOp.DELETE_BEFORE ? plan.before() : plan.after();
    }
}
