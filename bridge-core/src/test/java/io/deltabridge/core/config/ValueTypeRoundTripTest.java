package io.deltabridge.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.deltabridge.core.config.Node.ScalarNode;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** What the printer writes reads back as the same value. */
class ValueTypeRoundTripTest {

    @Property
    void sizesRoundTrip(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 2) long bytes) {
        assertEquals(bytes, read(ValueType.SIZE, ValueType.SIZE.render(bytes)));
    }

    @Property
    void durationsRoundTrip(@ForAll @LongRange(min = 1, max = 1L << 40) long millis) {
        Duration duration = Duration.ofMillis(millis);
        assertEquals(duration, read(ValueType.DURATION, ValueType.DURATION.render(duration)));
    }

    @Property
    void startingVersionsRoundTrip(
            @ForAll @LongRange(min = 0) long version,
            @ForAll @LongRange(min = 0, max = 253402300799L) long epochSecond) {
        StartingVersion atVersion = new StartingVersion.AtVersion(version);
        assertEquals(atVersion, read(ValueType.STARTING_VERSION, ValueType.STARTING_VERSION.render(atVersion)));
        StartingVersion atTime = new StartingVersion.AtTimestamp(Instant.ofEpochSecond(epochSecond, 123_000_000));
        assertEquals(atTime, read(ValueType.STARTING_VERSION, ValueType.STARTING_VERSION.render(atTime)));
    }

    private static <T> T read(ValueType<T> type, String text) {
        return type.read(new ScalarNode(null, text));
    }
}
