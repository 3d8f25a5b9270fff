package io.deltabridge.d2k;

import io.deltabridge.core.codec.avro.ConfluentAvroSerde;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.KeyFormat;
import io.deltabridge.core.registry.SchemaRegistryClient;
import java.util.Optional;

/**
 * The {@link EventFormat} of a mapping, from its {@code format}, {@code key-format} and {@code columns};
 * {@link DeltaToKafka.Builder#build()} has checked that Avro comes with a registry.
 */
final class EventFormats {
    private EventFormats() {}

    static EventFormat create(DeltaToKafkaMapping mapping, String tableUri, Optional<SchemaRegistryClient> registry) {
        if (mapping.format() == Format.AVRO) {
            return new AvroEventFormat(mapping, tableUri, registry.orElseThrow());
        }
        Optional<ConfluentAvroSerde> avroKeys = mapping.keyFormat() == KeyFormat.AVRO
                ? Optional.of(new ConfluentAvroSerde(registry.orElseThrow()))
                : Optional.empty();
        return new JsonEventFormat(mapping, tableUri, avroKeys);
    }
}
