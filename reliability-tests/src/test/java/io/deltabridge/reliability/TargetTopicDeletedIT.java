package io.deltabridge.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.pipeline.Pipeline;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.d2k.DeltaToKafka;
import io.deltabridge.embedded.EmbeddedKafkaBroker;
import io.deltabridge.testkit.KafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * delta → kafka, continuous mode: the target topic is deleted while the mapping runs, then the table
 * gets more versions. On a broker with Kafka's default {@code auto.create.topics.enable=true}, a
 * producer (or the bridge's own start-up check) would create the topic again, empty, and go on
 * publishing from its progress: the loss of every event published before would go unnoticed. The
 * mapping must stop instead, naming the topic and the fix, and a new run must refuse to start too.
 */
class TargetTopicDeletedIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static KafkaCluster kafka;

    @BeforeAll
    static void autoCreatingBroker() {
        kafka = KafkaCluster.of(new EmbeddedKafkaBroker(Map.of("auto.create.topics.enable", "true")).start());
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aDeletedTargetTopicStopsTheMappingInsteadOfBeingRecreatedEmpty(@TempDir Path dir) throws Exception {
        InsightsWorkload table = InsightsWorkload.create(dir.resolve("insights"), new Random(8));
        String topic = kafka.createUniqueTopic("deleted", 3);
        String progress = KafkaCluster.uniqueName("progress");
        try (Pipeline p = pipeline(table, topic, progress, false)) {
            CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(p::runContinuously);
            kafka.readUntil(topic, (int) table.expected().events(), WAIT);
            kafka.admin().deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
            awaitGone(topic);
            table.commitSomething();
            table.commitSomething();
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> run.get(60, TimeUnit.SECONDS),
                    "the mapping went on after its topic was deleted");
            assertStopsNamingTopicAndFix(e.getCause(), topic);
        }
        assertFalse(exists(topic), "the deleted topic was created again");
        // a new run must not create it again and resume from the progress either
        try (Pipeline p = pipeline(table, topic, progress, false)) {
            assertStopsNamingTopicAndFix(assertThrows(RuntimeException.class, p::runOnce), topic);
        }
        assertFalse(exists(topic), "the deleted topic was created again at start");
        // the fix: publish everything again into a new topic
        try (Pipeline p = pipeline(table, topic, progress, true)) {
            assertEquals(table.expected().events(), p.runOnce().records());
        }
        kafka.readUntil(topic, (int) table.expected().events(), WAIT);
        table.expected().assertPublishedOnce(topic, kafka.readAll(topic, WAIT));
    }

    private static Pipeline pipeline(InsightsWorkload table, String topic, String progress, boolean reset) {
        return DeltaToKafka.builder()
                .bridgeName("deleted")
                .mappingName("insights")
                .table(table.path().toString())
                .topic(topic)
                .key("id")
                .columns("id", "segment", "score")
                .changes(ChangeKind.INSERT, ChangeKind.UPDATE, ChangeKind.DELETE)
                .maxRecordsPerTransaction(500)
                .pollInterval(Duration.ofMillis(200))
                .progressTopic(progress)
                .resetProgress(reset)
                .kafka(Map.of("bootstrap.servers", kafka.bootstrapServers()))
                .build();
    }

    private static void assertStopsNamingTopicAndFix(Throwable failure, String topic) {
        assertInstanceOf(DataException.class, failure, String.valueOf(failure));
        String message = failure.getMessage();
        assertTrue(message.contains("'" + topic + "'") && message.contains("--reset-progress"), message);
    }

    private static boolean exists(String topic) throws Exception {
        return kafka.admin().listTopics().names().get(60, TimeUnit.SECONDS).contains(topic);
    }

    private static void awaitGone(String topic) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (exists(topic)) {
            assertTrue(System.nanoTime() < deadline, topic + " still listed");
            Thread.sleep(100);
        }
    }
}
