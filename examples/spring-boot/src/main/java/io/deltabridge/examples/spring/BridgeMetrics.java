package io.deltabridge.examples.spring;

import io.deltabridge.core.pipeline.Bridge;
import io.deltabridge.core.pipeline.PipelineMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every pipeline metric as a Micrometer gauge {@code deltabridge.<metric>} tagged with the
 * mapping, e.g. {@code deltabridge.records.published{mapping=churn-scores-out}}: registered once the
 * bridge has started (the pipelines exist), read live on every scrape. Runs in the default
 * lifecycle phase, after {@link BridgeLifecycle} (phase 0).
 */
@Component
public class BridgeMetrics implements SmartLifecycle {
    private final BridgeLifecycle lifecycle;
    private final MeterRegistry registry;
    private volatile boolean registered;

    public BridgeMetrics(BridgeLifecycle lifecycle, MeterRegistry registry) {
        this.lifecycle = lifecycle;
        this.registry = registry;
    }

    @Override
    public void start() {
        Bridge bridge = lifecycle.bridge();
        bridge.metrics().forEach((mapping, metrics) -> register(mapping, metrics, metrics.snapshot().keySet()));
        registered = true;
    }

    private void register(String mapping, PipelineMetrics metrics, Set<String> names) {
        for (String name : names) {
            Gauge.builder("deltabridge." + name, metrics, m -> value(m.snapshot(), name))
                    .tag("mapping", mapping)
                    .description("deltabridge pipeline metric " + name)
                    .register(registry);
        }
    }

    private static double value(Map<String, Number> snapshot, String name) {
        Number n = snapshot.get(name);
        return n == null ? Double.NaN : n.doubleValue();
    }

    @Override
    public void stop() {
        registered = false;
    }

    @Override
    public boolean isRunning() {
        return registered;
    }
}
