package io.deltabridge.core.pipeline;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.kafka.PropertiesKafkaClientFactory;
import io.deltabridge.core.lineage.openlineage.LineageEmitter;
import io.deltabridge.core.registry.HttpSchemaRegistryClient;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;

/**
 * Builds the {@link BridgeContext} a configuration implies: the Delta engine from the
 * {@code delta:} settings, Kafka clients from the {@code kafka:} settings, and the schema
 * registry client when {@code schema-registry} is configured.
 *
 * <pre>{@code
 * BridgeContext context = BridgeContexts.create(config, PipelineListener.NONE, null);
 * }</pre>
 */
public final class BridgeContexts {
    private BridgeContexts() {}

    /**
     * @param kafka a custom client factory, or null for one built from the {@code kafka:} settings
     */
    public static BridgeContext create(BridgeConfig config, PipelineListener listener, KafkaClientFactory kafka) {
        return create(config, listener, kafka, new SimpleMeterRegistry());
    }

    /**
     * @param kafka  a custom client factory, or null for one built from the {@code kafka:} settings
     * @param meters the registry the pipelines' meters go to
     */
    public static BridgeContext create(
            BridgeConfig config, PipelineListener listener, KafkaClientFactory kafka, MeterRegistry meters) {
        return new BridgeContext(
                config,
                DeltaEngines.create(config.delta()),
                kafka != null ? kafka : new PropertiesKafkaClientFactory(config),
                registryClient(config),
                listener,
                meters,
                LineageEmitter.create(config));
    }

    private static Optional<SchemaRegistryClient> registryClient(BridgeConfig config) {
        return config.schemaRegistry().map(HttpSchemaRegistryClient::new);
    }
}
