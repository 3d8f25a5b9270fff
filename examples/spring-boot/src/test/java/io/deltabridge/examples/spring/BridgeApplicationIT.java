package io.deltabridge.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.spring.DeltaBridgeLifecycle;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application from its own application.yaml against a real broker and a Spark-written
 * table: the starter runs the bridge with the context, it publishes the change feed, counts it in the
 * application's meters, turns the readiness group UP, and stops with the context.
 */
@WithKafkaBroker
class BridgeApplicationIT {

    @Test
    void runsTheBridgeAsAManagedBean(KafkaCluster kafka, @TempDir Path dir) throws InterruptedException {
        DeltaFixture basic = DeltaFixtures.copy("basic", dir);
        String topic = kafka.createUniqueTopic("customers", 3);
        long expected = basic.expectedCdf().stream()
                .filter(r -> List.of("insert", "update_postimage")
                        .contains(r.get("_change_type").asText()))
                .count();

        DeltaBridgeLifecycle lifecycle;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BridgeApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers(),
                        "CUSTOMERS_TABLE=" + basic.table(),
                        "CUSTOMERS_TOPIC=" + topic)
                .run()) {
            lifecycle = context.getBean(DeltaBridgeLifecycle.class);
            assertTrue(lifecycle.isRunning());
            assertEquals("spring-insights", lifecycle.config().name());

            assertEquals(
                    expected,
                    kafka.readUntil(topic, (int) expected, Duration.ofSeconds(60))
                            .size());

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            HealthEndpoint health = context.getBean(HealthEndpoint.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            double published = 0;
            while ((published < expected
                            || !Status.UP.equals(
                                    health.healthForPath("readiness").getStatus()))
                    && System.nanoTime() < deadline) {
                var counter = meters.find("deltabridge.records.out")
                        .tag("mapping", "customers-out")
                        .counter();
                published = counter == null ? 0 : counter.count();
                Thread.sleep(100);
            }
            assertEquals(expected, (long) published);
            assertEquals(Status.UP, health.healthForPath("readiness").getStatus(), "ready: the mapping caught up");
        }
        assertFalse(lifecycle.isRunning(), "stopped with the context");
    }
}
