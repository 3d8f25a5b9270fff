package io.deltabridge.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two classes asking for the shared broker get the same one; a per-class broker is a different one. */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class SharedKafkaBrokerIT {
    private static KafkaCluster shared;

    @Nested
    @Order(1)
    @WithKafkaBroker(shared = true)
    class FirstUser {
        @Test
        void usesTheSharedBroker(KafkaCluster kafka) {
            shared = kafka;
            String topic = kafka.createUniqueTopic("shared", 1);
            kafka.produce(topic, "k", "v");
            assertEquals(
                    "v", kafka.readAll(topic, Duration.ofSeconds(60)).get(0).valueString());
        }
    }

    @Nested
    @Order(2)
    @WithKafkaBroker(shared = true)
    class SecondUser {
        @Test
        void getsTheSameBroker(KafkaCluster kafka) {
            assertSame(shared, kafka);
            assertEquals(
                    1,
                    kafka.readAll(
                                    kafka
                                            .admin()
                                            .listTopics()
                                            .names()
                                            .toCompletionStage()
                                            .toCompletableFuture()
                                            .join()
                                            .stream()
                                            .filter(t -> t.startsWith("shared-"))
                                            .findFirst()
                                            .orElseThrow(),
                                    Duration.ofSeconds(60))
                            .size());
        }
    }

    @Nested
    @Order(3)
    @ExtendWith(KafkaBrokerExtension.class)
    class PerClassUser {
        @Test
        void getsItsOwnBroker(KafkaCluster kafka) {
            assertNotNull(shared);
            assertNotSame(shared, kafka);
        }
    }
}
