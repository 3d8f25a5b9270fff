package io.deltabridge.core.codec;

import io.deltabridge.core.error.DataException;
import io.deltabridge.core.vector.BatchBuilder;
import org.apache.kafka.common.header.Headers;

/**
 * Decodes one Kafka record into a change of a keyed table (kafka → delta {@code mode: upsert}): the
 * row to upsert, or the key of the row to delete, written into the open row of a {@link BatchBuilder}
 * of the table's schema. One implementation per {@code envelope} ({@code row}, {@code debezium}).
 *
 * <p>The caller has called {@link BatchBuilder#startRow()}; after {@link ChangeOp#UPSERT} or
 * {@link ChangeOp#DELETE} it adds its own columns and commits the row, after {@link ChangeOp#SKIP}
 * or a {@link DataException} it rolls the row back. Same threading rules as {@link RowDecoder}.
 */
public interface ChangeDecoder {
    /**
     * @param key the record's key, null when it has none
     * @param value the record's value, null for a tombstone
     * @throws DataException when the record cannot be applied (no key, key columns null, wrong types)
     */
    ChangeOp decodeInto(byte[] key, byte[] value, Headers headers, BatchBuilder target);

    /**
     * After {@link #decodeInto} returned {@link ChangeOp#UPSERT} for {@code value}: when the event also carries the
     * row it replaces (Debezium's {@code before} of an update), decodes that row into the open row of {@code target}
     * and returns true, so that the caller can delete its key when the update changed the key; false (nothing
     * written) when the event carries none.
     *
     * @throws DataException when that row cannot be decoded
     */
    default boolean replacedInto(byte[] value, BatchBuilder target) {
        return false;
    }
}
