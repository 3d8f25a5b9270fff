package io.deltabridge.examples.spring;

import io.deltabridge.core.pipeline.Bridge;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/deltaBridge}: UP while every mapping runs, DOWN with the error of a failed
 * mapping; details per mapping from its live metrics (lag, records).
 */
@Component("deltaBridge")
public class BridgeHealthIndicator implements HealthIndicator {
    private final BridgeLifecycle lifecycle;

    public BridgeHealthIndicator(BridgeLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Health health() {
        Bridge bridge = lifecycle.bridge();
        if (bridge == null) {
            return Health.unknown().withDetail("state", "not started").build();
        }
        Map<String, Exception> failures = lifecycle.failures();
        Health.Builder health = failures.isEmpty() && bridge.isRunning() ? Health.up() : Health.down();
        failures.forEach((mapping, error) -> health.withDetail(mapping + ".error", error.getMessage()));
        bridge.metrics().forEach((mapping, metrics) -> health.withDetail(mapping, metrics.snapshot()));
        return health.build();
    }
}
