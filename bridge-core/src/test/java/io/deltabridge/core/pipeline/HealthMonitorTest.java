package io.deltabridge.core.pipeline;

import static io.deltabridge.core.pipeline.BridgeTest.config;
import static io.deltabridge.core.pipeline.BridgeTest.out;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.health.HealthMonitor;
import io.deltabridge.core.health.HealthReport;
import io.deltabridge.core.health.MappingHealth;
import io.deltabridge.core.health.MappingHealth.State;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monitor over a {@link Bridge} of scripted pipelines (status: 2 versions behind). */
class HealthMonitorTest {

    @Test
    void everyMappingStartsNotReadyUntilChecked() {
        try (Bridge bridge = Bridge.builder().config(config(out("a"))).build();
                HealthMonitor monitor =
                        HealthMonitor.start(bridge, Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(5))) {
            // the first check may already have run: either not checked, or checked and waiting
            State state = monitor.report().mappings().get(0).state();
            assertTrue(state == State.STARTING || state == State.WAITING, state.toString());
        }
    }

    @Test
    void aFailedMappingMakesTheBridgeNotReadyAndNotLiveWhileTheOthersStayReady() throws Exception {
        try (Bridge bridge =
                Bridge.builder().config(config(out("a"), out("fail-b"))).build()) {
            bridge.start();
            try (HealthMonitor monitor =
                    HealthMonitor.start(bridge, Duration.ofMillis(20), Duration.ofMinutes(1), Duration.ofSeconds(5))) {
                HealthReport report =
                        awaitReport(monitor, r -> r.mappings().get(1).state() == State.FAILED);
                MappingHealth a = report.mappings().get(0);
                MappingHealth b = report.mappings().get(1);
                assertEquals(
                        List.of("a", "fail-b"),
                        report.mappings().stream().map(MappingHealth::mapping).toList());
                assertEquals(State.WAITING, a.state(), a.toString());
                assertEquals(2, a.lag());
                assertTrue(b.detail().contains("Mapping fail-b failed on purpose"), b.detail());
                assertFalse(report.ready());
                assertFalse(report.live());
            }
        }
    }

    private static HealthReport awaitReport(HealthMonitor monitor, java.util.function.Predicate<HealthReport> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            HealthReport report = monitor.report();
            if (done.test(report)) {
                return report;
            }
            Thread.sleep(20); // the monitor checks on its own thread: poll its latest report
        }
        throw new AssertionError("no such report; last " + monitor.report());
    }
}
