package io.deltabridge.k2d;

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
        return KafkaToDelta.builder()
                .context(context)
                .mapping((KafkaToDeltaMapping) mapping)
                .build();
    }
}
