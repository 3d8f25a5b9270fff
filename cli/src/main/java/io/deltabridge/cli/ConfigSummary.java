package io.deltabridge.cli;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.MappingConfig;
import java.util.StringJoiner;

/** The head of {@code validate}'s output: what the file says, secrets never shown. */
final class ConfigSummary {
    private ConfigSummary() {}

    static String render(BridgeConfig config) {
        StringJoiner out = new StringJoiner(System.lineSeparator());
        out.add("Bridge '" + config.name() + "' from " + config.source().name());
        out.add("  kafka: " + config.kafka().getOrDefault("bootstrap.servers", "(bootstrap.servers not set)"));
        config.schemaRegistry().ifPresent(r -> out.add("  schema-registry: " + r.url()));
        out.add("  progress-topic: " + config.progressTopic());
        for (MappingConfig m : config.mappings()) {
            out.add("  mapping " + m.name() + ": " + direction(m));
        }
        return out.toString();
    }

    static String direction(MappingConfig m) {
        if (m instanceof DeltaToKafkaMapping d) {
            return d.table() + " → topic " + d.topic() + " (" + d.format().name().toLowerCase() + ", key " + d.key() + ")";
        }
        KafkaToDeltaMapping k = (KafkaToDeltaMapping) m;
        return "topics " + k.topics() + " → " + k.table() + " (" + k.format().name().toLowerCase() + ")";
    }
}
