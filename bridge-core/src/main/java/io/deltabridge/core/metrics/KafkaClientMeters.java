package io.deltabridge.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;

/**
 * One Kafka client's metrics bound to a registry, with the thread that picks up the client's new
 * metrics (a partition's lag appears once it is fetched). Closing removes the meters and stops the
 * thread: the binder's refresh, left running on a shared thread, would bring a closed client's back.
 */
public final class KafkaClientMeters implements AutoCloseable {
    /** How often the client's new metrics are looked for (Micrometer's default is a minute). */
    static final Duration REFRESH = Duration.ofSeconds(10);
    /**
     * Whether the Micrometer on the class path lets the refresh be set (1.16+): Spring Boot 3.5 applications bring
     * 1.15, where the binder refreshes every minute.
     */
    static final boolean REFRESH_SETTABLE = refreshSettable();

    private final KafkaClientMetrics binder;
    private final ScheduledExecutorService refresher;

    private KafkaClientMeters(KafkaClientMetrics binder, ScheduledExecutorService refresher) {
        this.binder = binder;
        this.refresher = refresher;
    }

    static KafkaClientMeters bind(
            MeterRegistry registry, Function<ScheduledExecutorService, KafkaClientMetrics> binderOn) {
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "deltabridge-kafka-meters");
            thread.setDaemon(true);
            return thread;
        });
        KafkaClientMetrics binder = binderOn.apply(refresher);
        binder.bindTo(registry);
        return new KafkaClientMeters(binder, refresher);
    }

    private static boolean refreshSettable() {
        try {
            KafkaClientMetrics.class.getConstructor(
                    Producer.class, Iterable.class, ScheduledExecutorService.class, Duration.class);
            return true;
        } catch (NoSuchMethodException olderMicrometer) {
            return false;
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        binder.close();
    }
}
