package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.kafka.PropertiesKafkaClientFactory;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@link Error} (out of memory, stack overflow) in the middle of a transaction: the pipeline
 * aborts the transaction before it rethrows, so that a mapping that died in a long-running
 * process (the others going on) pins no partition's last stable offset until the coordinator
 * times the transaction out.
 */
@WithKafkaBroker
class FatalErrorIT {
    @TempDir
    static Path tmp;

    @Test
    void anErrorInsideATransactionAbortsItBeforeThePipelineIsClosed(KafkaCluster kafka) throws Exception {
        DeltaFixture f = DeltaFixtures.copy("basic", tmp.resolve("basic"));
        String topic = kafka.createUniqueTopic("fatal", 1);
        AtomicInteger sends = new AtomicInteger();
        KafkaClientFactory clients = errorOnSecondSend(new PropertiesKafkaClientFactory(settings(kafka)), sends);
        try (DeltaToKafkaPipeline p = DeltaToKafka.builder()
                .bridgeName("it")
                .mappingName(topic)
                .table(f.table().toString())
                .topic(topic)
                .key(f.key().toArray(String[]::new))
                .changes(ChangeKind.INSERT, ChangeKind.UPDATE, ChangeKind.DELETE)
                .kafka(settings(kafka))
                .kafkaClients(clients)
                .progressTopic("_progress_fatal")
                .build()) {
            assertThrows(OutOfMemoryError.class, p::runOnce);
            assertTrue(sends.get() >= 2, "the error came inside a transaction");
            // still open (not closed): nothing may pin the topic's last stable offset
            TopicPartition tp = new TopicPartition(topic, 0);
            long deadline = System.nanoTime() + 15_000_000_000L;
            long stable;
            long end;
            do {
                stable = endOffset(kafka, tp, "read_committed");
                end = endOffset(kafka, tp, "read_uncommitted");
            } while (stable != end && System.nanoTime() < deadline && pause());
            assertEquals(end, stable, "the transaction was left open: the last stable offset is pinned");
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(100); // polling the broker's offsets: no event to wait on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private static long endOffset(KafkaCluster kafka, TopicPartition tp, String isolation) {
        try (KafkaConsumer<byte[], byte[]> c =
                kafka.newConsumer(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation))) {
            return c.endOffsets(java.util.List.of(tp)).get(tp);
        }
    }

    private static Map<String, String> settings(KafkaCluster kafka) {
        Map<String, String> s = new HashMap<>();
        kafka.clientProperties().forEach((k, v) -> s.put(k, String.valueOf(v)));
        return s;
    }

    /** Real clients whose producers throw an {@link OutOfMemoryError} on the second send, the mapping's own included. */
    private static KafkaClientFactory errorOnSecondSend(KafkaClientFactory real, AtomicInteger sends) {
        return proxy(
                KafkaClientFactory.class,
                real,
                (method, result) -> switch (method.getName()) {
                    case "producer" ->
                        proxy(Producer.class, (Producer<?, ?>) result, (m, r) -> r, (m, producer) -> {
                            if (m.getName().equals("send") && sends.incrementAndGet() == 2) {
                                producer.flush(); // the first record reached the broker: the transaction is open there
                                throw new OutOfMemoryError("Java heap space (simulated)");
                            }
                        });
                    case "forMapping" -> errorOnSecondSend((KafkaClientFactory) result, sends);
                    default -> result;
                },
                (m, r) -> {});
    }

    /** {@code target} behind {@code type}: {@code before} may throw instead of a call, {@code after} may replace a result. */
    @SuppressWarnings("unchecked")
    private static <T> T proxy(
            Class<?> type, T target, BiFunction<Method, Object, Object> after, BiConsumer<Method, T> before) {
        return (T) Proxy.newProxyInstance(
                FatalErrorIT.class.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
                    before.accept(method, target);
                    try {
                        return after.apply(method, method.invoke(target, args));
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
