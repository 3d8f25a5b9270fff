package io.deltabridge.core.codec.debezium;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.ChangeDecoder;
import io.deltabridge.core.registry.SchemaRegistryClient;
import java.util.Set;

/**
 * {@code envelope: debezium} for kafka → delta upserts (SPEC §8): Debezium change events, as
 * produced by Debezium's connectors and by deltabridge's own delta → kafka {@code envelope: debezium},
 * decoded into changes of the target table. {@code op} c / r / u upsert {@code after}, {@code op} d
 * deletes the row keyed by {@code before}, a null value (the tombstone that follows a delete) is
 * skipped; anything else is a {@link io.deltabridge.core.error.DataException}. The {@code before} of a
 * {@code u} is the row the update replaced ({@link ChangeDecoder#replacedInto}): when its key differs from
 * {@code after}'s, the old key is deleted.
 */
public final class DebeziumDecoders {
    private DebeziumDecoders() {}

    /**
     * JSON events, with or without Kafka Connect's schema wrapper ({@code {"schema":…,"payload":…}});
     * with it, Connect's and Debezium's logical types (decimals, dates, timestamps) are honoured.
     *
     * @param schema the target table's schema
     * @param lineageColumns columns the caller fills, never read from the event (as for {@link io.deltabridge.core.codec.RowDecoder})
     */
    public static ChangeDecoder json(StructType schema, Set<String> lineageColumns) {
        return new DebeziumJsonDecoder(schema, lineageColumns);
    }

    /**
     * Avro events in the Confluent wire format, their writer schemas fetched from {@code registry} by
     * id: Debezium's {@code Envelope} record with {@code before} / {@code after} as nullable row
     * records; Avro logical types and Connect's / Debezium's semantic types ({@code connect.name})
     * are honoured.
     *
     * @param schema the target table's schema
     * @param lineageColumns columns the caller fills, never read from the event
     */
    public static ChangeDecoder avro(SchemaRegistryClient registry, StructType schema, Set<String> lineageColumns) {
        return new DebeziumAvroDecoder(registry, schema, lineageColumns);
    }
}
