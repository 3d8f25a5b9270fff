package io.deltabridge.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** A mapping's meters read back by name and tags through another instance, as a progress line does. */
class MappingMetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MappingMeters orders = new MappingMeters(registry, "shop", "orders-in");
    private final MappingMeters readings = new MappingMeters(registry, "shop", "orders-in");

    @Test
    void countersAreSummedOverTheirExtraTags() {
        orders.counter(BridgeMeter.RECORDS_IN).increment(65);
        orders.counter(BridgeMeter.DEAD_LETTERS, "error", "DataException").increment(2);
        orders.counter(BridgeMeter.DEAD_LETTERS, "error", "SerializationException")
                .increment();

        assertEquals(65, readings.value(BridgeMeter.RECORDS_IN, -1));
        assertEquals(3, readings.value(BridgeMeter.DEAD_LETTERS, -1));
    }

    @Test
    void gaugesReadTheirCurrentValue() {
        orders.gauge(BridgeMeter.LAG_RECORDS, 800).set(799);

        assertEquals(799, readings.value(BridgeMeter.LAG_RECORDS, -1));
    }

    @Test
    void anotherMappingsOrBridgesMetersAreNotRead() {
        new MappingMeters(registry, "shop", "orders-out").gauge(BridgeMeter.VERSION_CURRENT, 4);
        new MappingMeters(registry, "other", "orders-in")
                .counter(BridgeMeter.RECORDS_IN)
                .increment();

        assertEquals(-1, readings.value(BridgeMeter.VERSION_CURRENT, -1), "a meter the mapping never registered");
        assertEquals(0, readings.value(BridgeMeter.RECORDS_IN, 0));
    }

    @Test
    void timersAreNotOneNumber() {
        assertThrows(IllegalArgumentException.class, () -> readings.value(BridgeMeter.COMMIT_LATENCY, 0));
    }
}
