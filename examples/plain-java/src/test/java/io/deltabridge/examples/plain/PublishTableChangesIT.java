package io.deltabridge.examples.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.pipeline.RunSummaries;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example publishes a Spark-written table's change feed to a real broker, exactly once across runs. */
@WithKafkaBroker
class PublishTableChangesIT {

    @Test
    void publishesTheChangeFeedOnceAndNothingTheSecondTime(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        DeltaFixture basic = DeltaFixtures.copy("basic", dir);
        String topic = kafka.createUniqueTopic("customers", 3);
        Path config = Files.writeString(
                dir.resolve("bridge.yaml"), """
                name: plain-java-example
                kafka: { bootstrap.servers: %s }
                mappings:
                  - name: customers-out
                    from: { delta: %s }
                    to:   { kafka: %s }
                    key: [id]
                """.formatted(kafka.bootstrapServers(), basic.table(), topic));
        long expected = basic.expectedCdf().stream()
                .filter(r -> List.of("insert", "update_postimage")
                        .contains(r.get("_change_type").asText()))
                .count();

        RunSummaries first = PublishTableChanges.publish(config);
        assertEquals(expected, first.records());
        List<ConsumedRecord> events = kafka.readUntil(topic, (int) expected, Duration.ofSeconds(60));
        assertEquals(expected, events.size());
        assertTrue(events.stream().allMatch(e -> e.headerString("deltabridge.version") != null), events.toString());

        RunSummaries second = PublishTableChanges.publish(config);
        assertEquals(0, second.records());
        assertEquals(expected, kafka.readAll(topic, Duration.ofSeconds(5)).size());
    }
}
