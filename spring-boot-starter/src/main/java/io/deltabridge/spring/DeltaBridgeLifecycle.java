package io.deltabridge.spring;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.health.HealthMonitor;
import io.deltabridge.core.health.HealthReport;
import io.deltabridge.core.pipeline.Bridge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the bridge continuously while the application runs: started once the context is ready, stopped (each
 * mapping finishing or aborting its transaction) before the context closes. Its meters go to the application's
 * registry; a {@link HealthMonitor} keeps the mappings' readiness for the health indicator. A failed mapping
 * stays failed (reported by the indicator) while the others run, until the application restarts.
 */
public final class DeltaBridgeLifecycle implements SmartLifecycle {
    /** How often the mappings' positions are read, and how long one read may take (as the CLI's endpoint does). */
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final BridgeConfig config;
    private final DeltaBridgeProperties properties;
    private final Optional<MeterRegistry> meters;
    private volatile Bridge bridge;
    private volatile HealthMonitor health;

    public DeltaBridgeLifecycle(BridgeConfig config, DeltaBridgeProperties properties, Optional<MeterRegistry> meters) {
        this.config = config;
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public synchronized void start() {
        Bridge.Builder builder = Bridge.builder().config(config).mappings(properties.mappings());
        meters.ifPresent(builder::meterRegistry);
        bridge = builder.build();
        bridge.start();
        health = HealthMonitor.start(bridge, CHECK_EVERY, properties.stallGrace(), PROBE_TIMEOUT);
    }

    @Override
    public synchronized void stop() {
        if (health != null) {
            health.close();
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    @Override
    public boolean isRunning() {
        Bridge b = bridge;
        return b != null && b.isRunning();
    }

    /** The running bridge, or empty before start. */
    public Optional<Bridge> bridge() {
        return Optional.ofNullable(bridge);
    }

    /** The latest health check, or empty before start. */
    public Optional<HealthReport> health() {
        HealthMonitor monitor = health;
        return monitor == null ? Optional.empty() : Optional.of(monitor.report());
    }

    public BridgeConfig config() {
        return config;
    }
}
