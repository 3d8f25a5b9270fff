package io.deltabridge.k2d;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.MappingConfig;
import io.deltabridge.core.pipeline.BridgeContext;
import io.deltabridge.core.pipeline.Pipeline;
import io.deltabridge.core.pipeline.PipelineProvider;

/** Registers the kafka → delta direction with the bridge (found by {@link java.util.ServiceLoader}). */
public final class KafkaToDeltaProvider implements PipelineProvider {

    @Override
    public boolean supports(MappingConfig mapping) {
        return mapping instanceof KafkaToDeltaMapping;
    }

    @Override
    public Pipeline create(BridgeContext context, MappingConfig mapping) {
        KafkaToDeltaMapping m = (KafkaToDeltaMapping) mapping;
        if (!m.tablePerTopic()) {
            return KafkaToDelta.builder().context(context).mapping(m).build();
        }
        // the topics' pipelines share one engine and the clients of the mapping as the file configures them
        Engine engine = KafkaToDelta.engine(context.config().delta(), m.targetFileSize());
        return new TopicTablesPipeline(
                context.config().name(),
                m,
                context.kafka().forMapping(m.name()),
                topic -> KafkaToDelta.builder()
                        .context(context)
                        .mapping(topic)
                        .engine(engine)
                        .clientsOf(m.name())
                        .build());
    }
}
