package io.deltabridge.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a real in-process Kafka broker and injects it as a {@link KafkaCluster}
 * parameter (constructor, {@code @BeforeAll}, {@code @BeforeEach} or test method).
 *
 * <pre>{@code
 * @WithKafkaBroker(shared = true)
 * class PublisherIT {
 *     @Test
 *     void publishes(KafkaCluster kafka) {
 *         String topic = kafka.createUniqueTopic("orders", 3);
 *         ...
 *         assertEquals(5, kafka.readAll(topic, Duration.ofSeconds(30)).size());
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaBrokerExtension.class)
public @interface WithKafkaBroker {
    /**
     * {@code false} (default): one broker for this test class (and its {@code @Nested} classes), stopped after it.
     * {@code true}: one broker for the whole test JVM, shared by every class that asks for it, stopped at the
     * end of the run; use unique topic names ({@link KafkaCluster#createUniqueTopic}).
     */
    boolean shared() default false;
}
