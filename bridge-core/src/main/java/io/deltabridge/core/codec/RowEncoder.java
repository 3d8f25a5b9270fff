package io.deltabridge.core.codec;

import io.delta.kernel.data.ColumnarBatch;

/**
 * Encodes one row of a Kernel batch as the bytes of a Kafka record key or value.
 *
 * <p>An encoder is built once for a batch schema and a projection (the ordinals of the columns it
 * writes, in output order); all per-type decisions are made then, so {@link #encode} does no
 * reflection or type dispatch by name. Encoders are not thread-safe (they reuse a buffer): use one
 * per thread.
 */
public interface RowEncoder {
    /**
     * The encoded row {@code rowId} of {@code batch} (a new array the caller owns), or {@code null}
     * when the encoded value is null (e.g. {@link StringKeyEncoder} on a null key). The batch must
     * have the schema the encoder was built for.
     */
    byte[] encode(ColumnarBatch batch, int rowId);
}
