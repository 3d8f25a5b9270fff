package io.deltabridge.core.codec;

import io.deltabridge.core.error.DataException;
import io.deltabridge.core.vector.BatchBuilder;

/**
 * Decodes one Kafka record value into a row of a {@link BatchBuilder} whose schema is the one the
 * decoder was built for (the target table's schema).
 *
 * <p>Contract for implementations (JSON, Avro):
 * <ul>
 *   <li>Values go to the columns of the same name (nested: struct fields of the same name); columns
 *       the record does not mention stay unset and become null at commit (a NOT NULL one makes the
 *       commit fail with a {@link DataException} naming it).</li>
 *   <li>Fields the target does not have go, as one JSON object {@code {"name": value, ...}} (nested
 *       fields under their dotted path, e.g. {@code "s.extra"}), into the STRING column
 *       {@value #RESCUED_DATA_COLUMN} when the target has one; otherwise they are a
 *       {@link DataException}.</li>
 *   <li>A value of the wrong type is a {@link DataException} naming the field, the expected Delta
 *       type and the type found in the record.</li>
 *   <li>Columns the caller fills itself (lineage columns) are never taken from the record: a record
 *       field with such a name counts as unknown.</li>
 * </ul>
 * Decoders are stateless between records and may be shared by builders of the same schema, but not
 * used by two threads at once.
 */
public interface RowDecoder {
    /** Name of the STRING column that receives fields the table does not have (SPEC §5). */
    String RESCUED_DATA_COLUMN = "_rescued_data";

    /**
     * Writes the record {@code data[offset, offset + length)} into the open row of {@code target}
     * (the caller has called {@link BatchBuilder#startRow()} and will commit or roll back, after
     * adding its own columns). Throws {@link DataException} when the record cannot be decoded or
     * mapped; the caller must then {@link BatchBuilder#rollbackRow()}.
     */
    void decodeInto(byte[] data, int offset, int length, BatchBuilder target);

    /**
     * Appends exactly one row decoded from {@code data}, or throws {@link DataException} and leaves
     * {@code target} unchanged.
     */
    default void decode(byte[] data, BatchBuilder target) {
        target.startRow();
        try {
            decodeInto(data, 0, data.length, target);
            target.commitRow();
        } catch (RuntimeException e) {
            target.rollbackRow();
            throw e;
        }
    }
}
