package io.deltabridge.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * table: the bridge starts with the context, publishes the change feed, reports health and
 * Micrometer gauges, and stops with the context.
 */
@WithKafkaBroker
class BridgeApplicationIT {

    @Test
    void runsTheBridgeAsAManagedBean(KafkaCluster kafka, @TempDir Path dir) throws InterruptedException {
        DeltaFixture basic = DeltaFixtures.copy("basic", dir);
        String topic = kafka.createUniqueTopic("customers", 3);
        long expected = basic.expectedCdf().stream()
                .filter(r -> List.of("insert", "update_postimage").contains(r.get("_change_type").asText()))
                .count();

        BridgeLifecycle lifecycle;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BridgeApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers(),
                        "CUSTOMERS_TABLE=" + basic.table(),
                        "CUSTOMERS_TOPIC=" + topic)
                .run()) {
            lifecycle = context.getBean(BridgeLifecycle.class);
            assertTrue(lifecycle.isRunning());
            assertEquals("spring-insights", lifecycle.config().name());

            assertEquals(expected, kafka.readUntil(topic, (int) expected, Duration.ofSeconds(60)).size());

            HealthEndpoint health = context.getBean(HealthEndpoint.class);
            assertEquals(Status.UP, health.health().getStatus());

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            double published = 0;
            while (published < expected && System.nanoTime() < deadline) {
                published = meters.get("deltabridge.records.published").tag("mapping", "customers-out").gauge().value();
                Thread.sleep(100);
            }
            assertEquals(expected, (long) published);
        }
        assertFalse(lifecycle.isRunning(), "stopped with the context");
    }
}
