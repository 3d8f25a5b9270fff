package io.deltabridge.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.search.Search;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The meters of one mapping in a registry, each from the {@link BridgeMeter} catalogue and tagged
 * {@code bridge} and {@code mapping}. Registering the same meter twice returns the same one; any
 * instance for the same registry, bridge and mapping reads the values back ({@link #value}).
 */
public final class MappingMeters {
    private final MeterRegistry registry;
    private final Tags tags;

    public MappingMeters(MeterRegistry registry, String bridge, String mapping) {
        this.registry = registry;
        this.tags = Tags.of("bridge", bridge, "mapping", mapping);
    }

    public Counter counter(BridgeMeter meter) {
        return counter(meter, Tags.empty());
    }

    /** A counter with one more tag, e.g. the error class of {@link BridgeMeter#DEAD_LETTERS}. */
    public Counter counter(BridgeMeter meter, String tag, String value) {
        return counter(meter, Tags.of(tag, value));
    }

    /** A timer with a histogram (percentiles for Prometheus' histogram_quantile). */
    public Timer timer(BridgeMeter meter) {
        require(meter, BridgeMeter.Type.TIMER);
        return Timer.builder(meter.meterName())
                .description(meter.description())
                .tags(tags)
                .publishPercentileHistogram()
                .register(registry);
    }

    /** A gauge reading the returned value, which the caller sets. */
    public AtomicLong gauge(BridgeMeter meter, long initial) {
        AtomicLong value = new AtomicLong(initial);
        gauge(meter, value, AtomicLong::get);
        return value;
    }

    /** A gauge reading {@code f(source)} at each scrape; the registry holds {@code source} strongly. */
    public <T> void gauge(BridgeMeter meter, T source, ToDoubleFunction<T> f) {
        require(meter, BridgeMeter.Type.GAUGE);
        Gauge.builder(meter.meterName(), source, f)
                .description(meter.description())
                .tags(tags)
                .strongReference(true)
                .register(registry);
    }

    /**
     * The client's own metrics (e.g. {@code kafka.consumer.fetch.manager.records.lag} per partition,
     * request and error rates) tagged like the mapping's meters, until the returned binding is closed
     * (with the client: its meters are removed then).
     */
    public KafkaClientMeters bindKafkaClient(Consumer<?, ?> consumer) {
        return KafkaClientMeters.bind(
                registry,
                scheduler -> KafkaClientMeters.REFRESH_SETTABLE
                        ? new KafkaClientMetrics(consumer, tags, scheduler, KafkaClientMeters.REFRESH)
                        : new KafkaClientMetrics(consumer, tags, scheduler));
    }

    /** The same for a producer. */
    public KafkaClientMeters bindKafkaClient(Producer<?, ?> producer) {
        return KafkaClientMeters.bind(
                registry,
                scheduler -> KafkaClientMeters.REFRESH_SETTABLE
                        ? new KafkaClientMetrics(producer, tags, scheduler, KafkaClientMeters.REFRESH)
                        : new KafkaClientMetrics(producer, tags, scheduler));
    }

    /**
     * A counter's count, summed over its extra tags (every error class of {@link BridgeMeter#DEAD_LETTERS}),
     * or a gauge's value, as a whole number; {@code absent} when the mapping has no such meter (e.g. a
     * meter of the other direction). Registers nothing.
     *
     * @throws IllegalArgumentException for a timer, which is more than one number
     */
    public long value(BridgeMeter meter, long absent) {
        Search search = registry.find(meter.meterName()).tags(tags);
        return switch (meter.type()) {
            case COUNTER -> {
                Collection<Counter> counters = search.counters();
                yield counters.isEmpty()
                        ? absent
                        : (long) counters.stream().mapToDouble(Counter::count).sum();
            }
            case GAUGE -> {
                Gauge gauge = search.gauge();
                yield gauge == null ? absent : (long) gauge.value();
            }
            case TIMER ->
                throw new IllegalArgumentException(meter + " is a timer: read it with registry.get(name).timer()");
        };
    }

    private Counter counter(BridgeMeter meter, Tags extra) {
        require(meter, BridgeMeter.Type.COUNTER);
        return Counter.builder(meter.meterName())
                .description(meter.description())
                .tags(tags.and(extra))
                .register(registry);
    }

    private static void require(BridgeMeter meter, BridgeMeter.Type type) {
        if (meter.type() != type) {
            throw new IllegalArgumentException(meter + " is a " + meter.type() + ", not a " + type);
        }
    }
}
