package io.deltabridge.d2k;

import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.MappingConfig;
import io.deltabridge.core.pipeline.BridgeContext;
import io.deltabridge.core.pipeline.Pipeline;
import io.deltabridge.core.pipeline.PipelineProvider;

/** Makes delta → kafka pipelines for mappings {@code from: {delta}} → {@code to: {kafka}}; found by ServiceLoader. */
public final class DeltaToKafkaProvider implements PipelineProvider {
    @Override
    public boolean supports(MappingConfig mapping) {
        return mapping instanceof DeltaToKafkaMapping;
    }

    @Override
    public Pipeline create(BridgeContext context, MappingConfig mapping) {
        return DeltaToKafka.create(context, (DeltaToKafkaMapping) mapping);
    }
}
