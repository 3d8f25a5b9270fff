package io.deltabridge.core.pipeline;

import io.deltabridge.core.config.MappingConfig;

/**
 * Creates pipelines for one direction. Direction modules register an implementation in
 * {@code META-INF/services/io.deltabridge.core.pipeline.PipelineProvider}, so an application
 * only needs the modules of the directions it uses.
 */
public interface PipelineProvider {

    /** Whether this provider handles the mapping's direction. */
    boolean supports(MappingConfig mapping);

    Pipeline create(BridgeContext context, MappingConfig mapping);
}
