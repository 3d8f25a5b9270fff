/**
 * {@code envelope: debezium} (SPEC §8): Debezium change events (JSON, bare or in Kafka Connect's
 * schema wrapper; Avro in the Confluent wire format) decoded into {@link
 * io.deltabridge.core.codec.ChangeDecoder changes} of a keyed table. Entry point: {@link
 * io.deltabridge.core.codec.debezium.DebeziumDecoders}.
 */
package io.deltabridge.core.codec.debezium;
