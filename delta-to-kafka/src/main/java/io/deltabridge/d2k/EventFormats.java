package io.deltabridge.d2k;

import io.deltabridge.core.codec.avro.ConfluentAvroSerde;
import io.deltabridge.core.config.ConfigSource;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.KeyFormat;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.registry.SchemaRegistryClient;
import java.util.Optional;

/** The {@link EventFormat} of a mapping, from its {@code format}, {@code key-format} and {@code columns}. */
final class EventFormats {
    private EventFormats() {}

    static EventFormat create(DeltaToKafkaMapping mapping, String tableUri, Optional<SchemaRegistryClient> registry,
            ConfigSource source) {
        if (mapping.keyFormat() == KeyFormat.STRING && mapping.key().size() != 1) {
            throw source.errorAt("mappings[" + mapping.index() + "].key-format",
                    Problem.of("key-format string needs exactly one key column, mapping '%s' has %s", mapping.name(),
                                    mapping.key())
                            .fix("use key-format json or avro, or a single key column"));
        }
        boolean avro = mapping.format() == Format.AVRO || mapping.keyFormat() == KeyFormat.AVRO;
        if (avro && registry.isEmpty()) {
            throw source.errorAt("mappings[" + mapping.index() + "]." + (mapping.format() == Format.AVRO ? "format" : "key-format"),
                    Problem.of("Avro for mapping '%s' needs a schema registry", mapping.name())
                            .fix("add 'schema-registry: {url: ...}' to the file, or use json"));
        }
        if (mapping.format() == Format.AVRO) {
            return new AvroEventFormat(mapping, tableUri, registry.get());
        }
        return new JsonEventFormat(mapping, tableUri, registry.filter(r -> avro).map(ConfluentAvroSerde::new));
    }
}
