package io.deltabridge.cli;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.MappingConfig;
import io.deltabridge.core.config.Secrets;
import java.util.StringJoiner;
import java.util.TreeMap;

/** The head of {@code validate}'s output: what the file says, secrets never shown. */
final class ConfigSummary {
    private ConfigSummary() {}

    static String render(BridgeConfig config) {
        StringJoiner out = new StringJoiner(System.lineSeparator());
        out.add("Bridge '" + config.name() + "' from " + config.source().name());
        out.add("  kafka:");
        new TreeMap<>(Secrets.redact(config.kafka())).forEach((k, v) -> out.add("    " + k + ": " + v));
        config.schemaRegistry().ifPresent(r -> out.add("  schema-registry: " + r.url()
                + r.basicAuth().map(a -> " (basic-auth " + Secrets.MASK + ")").orElse("")));
        if (!config.delta().isEmpty()) {
            out.add("  delta:");
            new TreeMap<>(Secrets.redact(config.delta())).forEach((k, v) -> out.add("    " + k + ": " + v));
        }
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
