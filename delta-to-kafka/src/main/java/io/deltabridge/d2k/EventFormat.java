package io.deltabridge.d2k;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;

/**
 * The bytes of a mapping's events in one format (JSON or Avro), for one table schema. The
 * envelope ({@link EventEncoder}) decides which events a change row makes; this decides their
 * bytes. One instance is used by one thread.
 */
public interface EventFormat {

    /** The {@code content-type} header value. */
    String contentType();

    /**
     * Called with the schema of the latest version before each pass over the change feed (so again
     * after the table schema changed): builds the projection and, for Avro, registers the key and
     * value schemas.
     */
    void prepare(StructType tableSchema);

    /** The record key: the key columns in the mapping's key format. */
    byte[] key(ColumnarBatch data, int row);

    /** The value with {@code envelope: row}: the (projected) row, framed (Avro: Confluent wire format). */
    byte[] row(ColumnarBatch data, int row);

    /** The (projected) row as embedded in a Debezium envelope (JSON object; Avro binary without framing). */
    byte[] rowBody(ColumnarBatch data, int row);

    /**
     * The value with {@code envelope: debezium}.
     *
     * @param before {@link #rowBody} of the pre-image (update) or of the deleted row (delete), else null
     * @param after  {@link #rowBody} of the inserted row or of the post-image (update), else null
     * @param op     {@code c}, {@code u} or {@code d}
     */
    byte[] debezium(byte[] before, byte[] after, String op, DebeziumSource source);

    /**
     * The {@code source} block of a Debezium event, and its {@code ts_ms} (when it was encoded).
     *
     * @param table           the normalised table URI
     * @param commitTimestamp epoch milliseconds
     */
    record DebeziumSource(String table, String tableId, long version, long commitTimestamp, long tsMs) {}
}
