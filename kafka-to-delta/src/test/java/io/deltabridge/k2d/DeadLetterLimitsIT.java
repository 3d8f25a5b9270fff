package io.deltabridge.k2d;

import static io.deltabridge.k2d.KafkaToDeltaIT.pipeline;
import static io.deltabridge.k2d.KafkaToDeltaIT.record;
import static io.deltabridge.k2d.KafkaToDeltaIT.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.error.DataException;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Big bad records still reach the dead-letter topic: the error message header is capped (its
 * value may quote the whole bad value), shrunk further when the record is close to the dead-letter
 * producer's {@code max.request.size}; a record that cannot fit even without it stops the run with
 * an error that names the sizes and the settings to change.
 */
@WithKafkaBroker
class DeadLetterLimitsIT {
    private static final int MAX_REQUEST_SIZE = 1_048_576; // the producer's default
    private final Engine engine = DeltaEngines.create(Map.of());

    /** A record the table rejects whose error message quotes its {@code size}-character amount. */
    private static String badAmount(int size) {
        return "{\"id\":1,\"amount\":\"" + "9".repeat(size) + "x\"}";
    }

    @Test
    void aSixHundredKilobyteBadRecordIsDeadLetteredWithATruncatedMessage(KafkaCluster kafka, @TempDir Path dir) {
        String topic = Topics.create(kafka, "big-bad", 1);
        String dlq = Topics.create(kafka, "big-bad-dlq", 1);
        String bad = badAmount(600_000);
        kafka.produce(
                List.of(record(topic, 0, "bad", bad, Map.of("h", "1")), record(topic, 0, "good", row(2), Map.of())));

        pipeline(kafka, topic, dir.resolve("t")).deadLetterTopic(dlq).build().runOnce();

        assertEquals(1, TableRows.read(engine, dir.resolve("t").toString()).size());
        ConsumedRecord dead = kafka.readUntil(dlq, 1, Duration.ofSeconds(60)).get(0);
        assertArrayEquals(bad.getBytes(StandardCharsets.UTF_8), dead.value(), "the original value, unchanged");
        assertEquals("1", dead.headerString("h"));
        String message = dead.headerString("deltabridge.error.message");
        assertTrue(
                message.getBytes(StandardCharsets.UTF_8).length <= DeadLetters.MAX_MESSAGE_BYTES,
                message.length() + " bytes");
        assertTrue(message.startsWith("Field 'amount'") && message.contains("[truncated"), message.substring(0, 200));
    }

    @Test
    void aBadRecordJustUnderMaxRequestSizeIsStillDeadLettered(KafkaCluster kafka, @TempDir Path dir) {
        String topic = Topics.create(kafka, "edge-bad", 1);
        String dlq = Topics.create(kafka, "edge-bad-dlq", 1);
        String bad = badAmount(MAX_REQUEST_SIZE - 1_000);
        kafka.produce(List.of(record(topic, 0, "bad", bad, Map.of())));

        pipeline(kafka, topic, dir.resolve("t")).deadLetterTopic(dlq).build().runOnce();

        ConsumedRecord dead = kafka.readUntil(dlq, 1, Duration.ofSeconds(60)).get(0);
        assertArrayEquals(bad.getBytes(StandardCharsets.UTF_8), dead.value());
        assertEquals(topic, dead.headerString("deltabridge.source.topic"));
        assertTrue(dead.headerString("deltabridge.error.message").length() < 1_000, "shrunk to what still fits");
    }

    @Test
    void aBadRecordThatCannotFitTheDeadLetterProducerIsAClearErrorAndNothingIsCommitted(
            KafkaCluster kafka, @TempDir Path dir) {
        String topic = Topics.create(kafka, "huge-bad", 1);
        String dlq = Topics.create(kafka, "huge-bad-dlq", 1);
        kafka.produce(List.of(
                record(topic, 0, "good", row(1), Map.of()), record(topic, 0, "bad", badAmount(200_000), Map.of())));
        Path table = dir.resolve("t");

        DataException e = assertThrows(
                DataException.class,
                () -> pipeline(kafka, topic, table)
                        .kafka(Map.of("bootstrap.servers", kafka.bootstrapServers(), "max.request.size", "100000"))
                        .deadLetterTopic(dlq)
                        .build()
                        .runOnce());

        assertTrue(
                e.getMessage().contains(topic + "-0@1")
                        && e.getMessage().contains("max.request.size")
                        && e.getMessage().contains("100000"),
                e.getMessage());
        assertTrue(
                !Files.exists(table.resolve("_delta_log"))
                        || TableRows.read(engine, table.toString()).isEmpty(),
                "nothing after a record that was neither written nor dead-lettered is committed");
    }
}
