package io.deltabridge.d2k;

import io.deltabridge.core.config.ConfigSource;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.registry.SchemaRegistryClient;
import java.util.Optional;

/** The {@link EventFormat} of a mapping, from its {@code format}, {@code key-format} and {@code columns}. */
final class EventFormats {
    private EventFormats() {}

    static EventFormat create(DeltaToKafkaMapping mapping, String tableUri, Optional<SchemaRegistryClient> registry,
            ConfigSource source) {
        throw source.errorAt("mappings[" + mapping.index() + "].format",
                Problem.of("Format %s is not available in this build", mapping.format())
                        .fix("use a build with the codecs module"));
    }
}
