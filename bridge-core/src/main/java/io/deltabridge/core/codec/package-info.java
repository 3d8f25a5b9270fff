/**
 * Value codecs between Kernel columnar batches and Kafka record bytes: {@link
 * io.deltabridge.core.codec.RowEncoder} (delta → kafka), {@link io.deltabridge.core.codec.RowDecoder}
 * (kafka → delta, into a {@link io.deltabridge.core.vector.BatchBuilder}), the key encoder and the
 * shared text forms of SPEC §7 ({@link io.deltabridge.core.codec.Utf8Buffer}). Formats live in
 * sub-packages ({@code json}; Avro elsewhere).
 */
package io.deltabridge.core.codec;
