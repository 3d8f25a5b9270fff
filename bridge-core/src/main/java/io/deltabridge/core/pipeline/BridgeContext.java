package io.deltabridge.core.pipeline;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.lineage.openlineage.LineageEmitter;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;

/**
 * What a pipeline gets from the bridge: the configuration and the shared clients. Tests and
 * embedding applications may supply their own implementations (e.g. a Kafka client factory
 * with extra settings).
 *
 * @param deltaEngine    the Kernel engine built from the {@code delta:} settings
 * @param schemaRegistry present when the file configures {@code schema-registry}
 * @param meterRegistry  where the pipelines' meters go (an application's own registry, or a private one)
 * @param lineage        where the pipelines' OpenLineage run events go ({@link LineageEmitter#NONE} for nowhere);
 *                       the bridge closes it
 */
public record BridgeContext(
        BridgeConfig config,
        Engine deltaEngine,
        KafkaClientFactory kafka,
        Optional<SchemaRegistryClient> schemaRegistry,
        PipelineListener listener,
        MeterRegistry meterRegistry,
        LineageEmitter lineage) {

    /** A context whose meters go to a private registry and that sends no OpenLineage events. */
    public BridgeContext(
            BridgeConfig config,
            Engine deltaEngine,
            KafkaClientFactory kafka,
            Optional<SchemaRegistryClient> schemaRegistry,
            PipelineListener listener) {
        this(config, deltaEngine, kafka, schemaRegistry, listener, new SimpleMeterRegistry(), LineageEmitter.NONE);
    }
}
