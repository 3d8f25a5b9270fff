package io.deltabridge.core.metrics;

import io.deltabridge.core.pipeline.Bridge;
import io.deltabridge.core.pipeline.PipelineMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds every value of every mapping's {@link PipelineMetrics} to a Micrometer registry as a gauge
 * named {@code deltabridge.<key>} (e.g. {@code deltabridge.records.read}, in Prometheus
 * {@code deltabridge_records_read}), tagged with the bridge's and the mapping's name (never with
 * settings, which may hold secrets). Gauges read the live value at each scrape.
 */
public final class PipelineMeters implements MeterBinder {
    static final String PREFIX = "deltabridge.";

    private final Bridge bridge;

    public PipelineMeters(Bridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String name = bridge.config().name();
        bridge.metrics().forEach((mapping, metrics) -> {
            Tags tags = Tags.of("bridge", name, "mapping", mapping);
            for (String key : metrics.snapshot().keySet()) {
                Gauge.builder(PREFIX + key, metrics, m -> value(m, key)).tags(tags).register(registry);
            }
        });
    }

    private static double value(PipelineMetrics metrics, String key) {
        Number value = metrics.snapshot().get(key);
        return value == null ? Double.NaN : value.doubleValue();
    }
}
