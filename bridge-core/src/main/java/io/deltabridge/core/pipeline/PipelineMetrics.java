package io.deltabridge.core.pipeline;

import java.util.Map;

/** Live metrics of a pipeline, read from any thread; names are dotted, e.g. {@code records.written}. */
public interface PipelineMetrics {
    /** A consistent-enough copy of every counter and gauge. */
    Map<String, Number> snapshot();
}
