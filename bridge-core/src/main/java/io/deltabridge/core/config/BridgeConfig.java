package io.deltabridge.core.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole mapping file (SPEC §2), validated and with {@code ${VAR}} references resolved.
 *
 * @param name           bridge id: prefixes transactional ids, group ids and progress keys
 * @param kafka          client properties handed verbatim to producers, consumers and admin clients
 * @param schemaRegistry the registry, required when any mapping uses avro
 * @param delta          Hadoop / Delta Kernel settings handed verbatim to the engine
 * @param progressTopic  compacted topic holding delta → kafka progress
 * @param mappings       the mappings, in file order
 * @param source         where the configuration came from, to locate errors in it
 * @param openLineage    where OpenLineage run events go; empty when they are not sent
 * @param clients        the top-level {@code producer:} / {@code consumer:} / {@code admin:} settings, over {@code kafka}
 * @param mappingClients per mapping name, its own client settings merged over {@code clients}; absent: {@code clients}
 */
public record BridgeConfig(
        String name,
        Map<String, String> kafka,
        Optional<RegistryConfig> schemaRegistry,
        Map<String, String> delta,
        String progressTopic,
        List<MappingConfig> mappings,
        ConfigSource source,
        Optional<OpenLineageConfig> openLineage,
        ClientOverrides clients,
        Map<String, ClientOverrides> mappingClients) {

    public static final String DEFAULT_PROGRESS_TOPIC = "_deltabridge_progress";

    public BridgeConfig {
        kafka = Map.copyOf(kafka);
        delta = Map.copyOf(delta);
        mappings = List.copyOf(mappings);
        mappingClients = Map.copyOf(mappingClients);
    }

    /** A configuration that sends no OpenLineage events and whose clients all use the {@code kafka} settings alone. */
    public BridgeConfig(
            String name,
            Map<String, String> kafka,
            Optional<RegistryConfig> schemaRegistry,
            Map<String, String> delta,
            String progressTopic,
            List<MappingConfig> mappings,
            ConfigSource source) {
        this(
                name,
                kafka,
                schemaRegistry,
                delta,
                progressTopic,
                mappings,
                source,
                Optional.empty(),
                ClientOverrides.NONE,
                Map.of());
    }

    /** The per-role client settings of a mapping: its own over the top-level ones. */
    public ClientOverrides clientOverrides(String mappingName) {
        return mappingClients.getOrDefault(mappingName, clients);
    }

    /** Secret values of {@code kafka} and {@code delta} are shown as {@value Secrets#MASK}. */
    @Override
    public String toString() {
        return "BridgeConfig[name=" + name + ", kafka=" + Secrets.redact(kafka) + ", schemaRegistry=" + schemaRegistry
                + ", delta=" + Secrets.redact(delta) + ", progressTopic=" + progressTopic + ", mappings=" + mappings
                + ", source=" + source.name() + ", openLineage=" + openLineage + ", clients=" + clients
                + ", mappingClients=" + mappingClients + "]";
    }

    /** The mapping with this name. */
    public Optional<MappingConfig> mapping(String mappingName) {
        return mappings.stream().filter(m -> m.name().equals(mappingName)).findFirst();
    }
}
