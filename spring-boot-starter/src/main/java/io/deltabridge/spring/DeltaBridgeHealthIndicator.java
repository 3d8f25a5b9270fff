package io.deltabridge.spring;

import io.deltabridge.core.health.HealthReport;
import io.deltabridge.core.health.MappingHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code /actuator/health/deltaBridge}: UP while every mapping is ready (caught up, moving, or waiting less than
 * its interval), OUT_OF_SERVICE while one is stalled or cannot reach its broker or storage (it recovers by
 * itself), DOWN once one has failed (only a restart brings it back); details per mapping. Add it to the
 * readiness group ({@code management.endpoint.health.group.readiness.include: readinessState,deltaBridge}).
 */
public final class DeltaBridgeHealthIndicator implements HealthIndicator {
    private final DeltaBridgeLifecycle lifecycle;

    public DeltaBridgeHealthIndicator(DeltaBridgeLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Health health() {
        return lifecycle
                .health()
                .map(DeltaBridgeHealthIndicator::of)
                .orElseGet(() ->
                        Health.unknown().withDetail("state", "not started").build());
    }

    private static Health of(HealthReport report) {
        Health.Builder health = !report.live() ? Health.down() : report.ready() ? Health.up() : Health.outOfService();
        Map<String, Object> mappings = report.mappings().stream()
                .collect(Collectors.toMap(
                        MappingHealth::mapping,
                        m -> Map.of("state", m.state().name(), "lag", m.lag(), "detail", m.detail()),
                        (a, b) -> a,
                        LinkedHashMap::new));
        return health.withDetail("checkedAt", report.checkedAt().toString())
                .withDetails(mappings)
                .build();
    }
}
