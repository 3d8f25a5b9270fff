package io.deltabridge.k2d;

import io.deltabridge.core.codec.ChangeDecoder;
import io.deltabridge.core.codec.ChangeOp;
import io.deltabridge.core.codec.RowDecoder;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.lineage.LineageHeaders;
import io.deltabridge.core.vector.BatchBuilder;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * {@code envelope: row} changes: a value is the new row, a tombstone deletes the key carried by
 * the Kafka key (compacted-topic style). A record of deltabridge's delta → kafka carries its
 * change type in {@value LineageHeaders#CHANGE_TYPE}, which is applied as it says: {@code insert}
 * and {@code update_postimage} upsert, {@code delete} deletes, {@code update_preimage} is skipped.
 */
final class RowChangeDecoder implements ChangeDecoder {
    private final RowDecoder values;
    private final RowDecoder keys;

    /** @param keys decodes the Kafka key into the key columns of the same row */
    RowChangeDecoder(RowDecoder values, RowDecoder keys) {
        this.values = values;
        this.keys = keys;
    }

    @Override
    public ChangeOp decodeInto(byte[] key, byte[] value, Headers headers, BatchBuilder target) {
        Header type = headers.lastHeader(LineageHeaders.CHANGE_TYPE);
        if (type == null) {
            return value == null ? delete(key, target) : upsert(value, target);
        }
        String change = type.value() == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
        return switch (change) {
            case "insert", "update_postimage" -> upsert(value, target);
            case "delete" -> delete(key, target);
            case "update_preimage" -> ChangeOp.SKIP;
            default ->
                throw Problem.of("Unknown change type '%s' in header %s", change, LineageHeaders.CHANGE_TYPE)
                        .because("upsert applies insert, update_postimage and delete (update_preimage is skipped)")
                        .fix("send one of those change types, or no header (a value upserts, a tombstone deletes)")
                        .data();
        };
    }

    private ChangeOp upsert(byte[] value, BatchBuilder target) {
        if (value == null) {
            throw Problem.of(
                            "Record has no value but its %s header says it inserts or updates a row",
                            LineageHeaders.CHANGE_TYPE)
                    .fix("send the row as the value, or mark the record as a delete")
                    .data();
        }
        values.decodeInto(value, 0, value.length, target);
        return ChangeOp.UPSERT;
    }

    private ChangeOp delete(byte[] key, BatchBuilder target) {
        if (key == null) {
            throw Problem.of("Delete without a key")
                    .because(
                            "a tombstone (or delete event) deletes the row whose key the Kafka key carries, and this record has none")
                    .fix("produce deletes with the row's key as the Kafka key (as delta → kafka does)")
                    .data();
        }
        keys.decodeInto(key, 0, key.length, target);
        return ChangeOp.DELETE;
    }
}
