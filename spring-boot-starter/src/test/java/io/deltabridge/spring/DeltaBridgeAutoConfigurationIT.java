package io.deltabridge.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter against a real broker and a Spark-written table, in a real Spring context. */
@WithKafkaBroker
class DeltaBridgeAutoConfigurationIT {
    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DeltaBridgeAutoConfiguration.class));

    @Test
    void runsTheBridgeWithTheContextItsMetersInTheAppsRegistryAndItsReadinessAsHealth(
            KafkaCluster kafka, @TempDir Path dir) {
        DeltaFixture basic = DeltaFixtures.copy("basic", dir);
        String topic = kafka.createUniqueTopic("starter", 3);
        long expected = basic.expectedCdf().stream()
                .filter(r -> List.of("insert", "update_postimage")
                        .contains(r.get("_change_type").asText()))
                .count();
        AtomicReference<DeltaBridgeLifecycle> started = new AtomicReference<>();

        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues(
                        "deltabridge.bridge.name=starter-it",
                        "deltabridge.bridge.kafka.[bootstrap.servers]=" + kafka.bootstrapServers(),
                        "deltabridge.bridge.mappings[0].name=customers-out",
                        "deltabridge.bridge.mappings[0].from.delta=" + basic.table(),
                        "deltabridge.bridge.mappings[0].to.kafka=" + topic,
                        "deltabridge.bridge.mappings[0].key[0]=id",
                        "deltabridge.bridge.mappings[0].poll-interval=1s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DeltaBridgeLifecycle lifecycle = context.getBean(DeltaBridgeLifecycle.class);
                    started.set(lifecycle);
                    assertTrue(lifecycle.isRunning());
                    assertEquals("starter-it", lifecycle.config().name());

                    assertEquals(
                            expected,
                            kafka.readUntil(topic, (int) expected, Duration.ofSeconds(60))
                                    .size());
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    await(
                            "the app's registry counts every event",
                            () -> meters.find("deltabridge.records.out")
                                                    .tags("bridge", "starter-it", "mapping", "customers-out")
                                                    .counter()
                                            != null
                                    && meters.get("deltabridge.records.out")
                                                    .tag("mapping", "customers-out")
                                                    .counter()
                                                    .count()
                                            == expected);

                    // a check made while the events were still going out says WAITING (ready, behind): wait for one
                    // made after
                    DeltaBridgeHealthIndicator health =
                            context.getBean("deltaBridge", DeltaBridgeHealthIndicator.class);
                    await(
                            "a check that finds the mapping caught up",
                            () -> "IDLE"
                                    .equals(((Map<?, ?>)
                                                    health.health().getDetails().get("customers-out"))
                                            .get("state")));
                    assertEquals(
                            Status.UP,
                            health.health().getStatus(),
                            health.health().toString());
                });
        assertFalse(started.get().isRunning(), "stopped with the context");
    }

    @Test
    void aWrongConfigurationFailsTheStartNamingTheKey() {
        runner.withPropertyValues(
                        "deltabridge.bridge.name=broken",
                        "deltabridge.bridge.kafka.[bootstrap.servers]=127.0.0.1:9",
                        "deltabridge.bridge.mappings[0].name=out",
                        "deltabridge.bridge.mappings[0].from.delta=/t",
                        "deltabridge.bridge.mappings[0].to.kafka=t",
                        "deltabridge.bridge.mappings[0].formt=json")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageContaining("formt")
                            .hasMessageContaining("format");
                });
    }

    @Test
    void disabledMeansNoBridge() {
        runner.withPropertyValues("deltabridge.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DeltaBridgeLifecycle.class));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + " within 60 s");
            Thread.sleep(100);
        }
    }
}
