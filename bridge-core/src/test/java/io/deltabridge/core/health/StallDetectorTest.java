package io.deltabridge.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ConfigLoader;
import io.deltabridge.core.config.MappingConfig;
import io.deltabridge.core.health.MappingHealth.State;
import io.deltabridge.core.pipeline.PipelineStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StallDetectorTest {
    private static final BridgeConfig CONFIG = ConfigLoader.load("""
            name: stalls
            kafka: { bootstrap.servers: "127.0.0.1:1" }
            mappings:
              - name: out
                from: { delta: /tmp/t }
                to: { kafka: t }
                key: [id]
                poll-interval: 1s
              - name: in
                from: { kafka: [t] }
                to: { delta: /tmp/in, create: true, schema: "id INT" }
                flush: { max-interval: 30s }
            """, "stalls.yaml", Map.of());
    private static final MappingConfig OUT = CONFIG.mapping("out").orElseThrow();
    private static final MappingConfig IN = CONFIG.mapping("in").orElseThrow();

    private final AtomicLong nanos = new AtomicLong();
    private final StallDetector detector = new StallDetector(Duration.ofSeconds(10), nanos::get);

    @Test
    void aMappingWithNothingWaitingIsIdleHoweverLongItsPositionStays() {
        assertEquals(State.IDLE, detector.observed(OUT, status("out", 5, 0)).state());
        advance(Duration.ofHours(1));
        MappingHealth idle = detector.observed(OUT, status("out", 5, 0));
        assertEquals(State.IDLE, idle.state());
        assertTrue(idle.ready());
    }

    @Test
    void workWaitingWithoutProgressStallsAfterTheMappingsIntervalAndTheGrace() {
        assertEquals(State.WAITING, detector.observed(OUT, status("out", 5, 3)).state());
        advance(Duration.ofSeconds(11)); // poll-interval 1s + grace 10s: not past it yet
        assertEquals(State.WAITING, detector.observed(OUT, status("out", 5, 3)).state());
        advance(Duration.ofMillis(1));
        MappingHealth stalled = detector.observed(OUT, status("out", 5, 3));
        assertEquals(State.STALLED, stalled.state());
        assertFalse(stalled.ready());
        assertEquals(3, stalled.lag());
        assertTrue(stalled.detail().contains("no progress for 11s (allowed: 11s"), stalled.detail());
    }

    @Test
    void progressMakesAStalledMappingReadyAndRestartsItsClock() {
        detector.observed(OUT, status("out", 5, 3));
        advance(Duration.ofSeconds(20));
        assertEquals(State.STALLED, detector.observed(OUT, status("out", 5, 3)).state());
        assertEquals(
                State.PROGRESSING, detector.observed(OUT, status("out", 6, 2)).state());
        advance(Duration.ofSeconds(5));
        assertEquals(State.WAITING, detector.observed(OUT, status("out", 6, 2)).state());
        assertEquals(State.IDLE, detector.observed(OUT, status("out", 8, 0)).state());
    }

    @Test
    void kafkaToDeltaMayGoAFlushIntervalWithoutCommitting() {
        detector.observed(IN, status("in", 100, 40));
        detector.observed(OUT, status("out", 5, 3));
        advance(Duration.ofSeconds(20));
        assertEquals(
                State.WAITING, detector.observed(IN, status("in", 100, 40)).state(), "flush.max-interval 30s + grace");
        assertEquals(State.STALLED, detector.observed(OUT, status("out", 5, 3)).state(), "poll-interval 1s + grace");
        advance(Duration.ofSeconds(21));
        assertEquals(State.STALLED, detector.observed(IN, status("in", 100, 40)).state());
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    private static PipelineStatus status(String mapping, long position, long lag) {
        return new PipelineStatus(
                mapping, "test", Map.of("p", position), Map.of("p", position + lag), lag, Optional.empty());
    }
}
