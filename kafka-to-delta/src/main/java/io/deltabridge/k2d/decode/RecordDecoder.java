package io.deltabridge.k2d.decode;

import io.deltabridge.k2d.batch.RowBatchBuilder;

/**
 * Decodes a Kafka record value into the open row of a {@link RowBatchBuilder}: one value per
 * data column it knows. Columns it leaves unset become null when the row is committed.
 * Implementations are not thread-safe; one per consumer.
 */
public interface RecordDecoder {

    /** @throws DecodeException when the bytes cannot be decoded or mapped to the table */
    void decode(byte[] value, RowBatchBuilder batch);
}
