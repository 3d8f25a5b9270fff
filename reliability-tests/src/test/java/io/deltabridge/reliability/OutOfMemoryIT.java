package io.deltabridge.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.testkit.CliProcess;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@link OutOfMemoryError} in the real CLI: {@code bridge run --once} in a child JVM with a
 * 64 MiB heap fetches a topic holding an 80 MiB record, which the Kafka consumer cannot allocate on
 * the mapping's thread. A run that cannot go on must say so with a non-zero exit code: before the
 * fix the mapping's thread died, {@code --once} exited 0 and cron reported success.
 */
@WithKafkaBroker
class OutOfMemoryIT {
    private static final int HUGE = 80 << 20;
    private static final int LIMIT = 96 << 20;

    @Test
    void anOutOfMemoryErrorOnAMappingThreadEndsTheRunWithExit1(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        String topic = kafka.createUniqueTopic("huge", 1);
        kafka.admin()
                .incrementalAlterConfigs(Map.of(
                        new ConfigResource(ConfigResource.Type.TOPIC, topic),
                        List.of(new AlterConfigOp(
                                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(LIMIT)),
                                AlterConfigOp.OpType.SET))))
                .all()
                .get();
        String name = "x".repeat(HUGE);
        try (KafkaProducer<byte[], byte[]> producer = kafka.newProducer(Map.of(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                LIMIT,
                ProducerConfig.BUFFER_MEMORY_CONFIG,
                (long) LIMIT * 2))) {
            producer.send(new ProducerRecord<>(topic, bytes("1"), bytes("{\"id\":1,\"name\":\"" + name + "\"}")))
                    .get();
        }
        Path config = Files.writeString(dir.resolve("bridge.yaml"), """
                name: oom
                kafka:
                  bootstrap.servers: "%s"
                  max.partition.fetch.bytes: "%d"
                  fetch.max.bytes: "%d"
                mappings:
                  - name: landing
                    from: { kafka: [%s] }
                    to: { delta: "%s", create: true, schema: "id BIGINT NOT NULL, name STRING" }
                    format: json
                """.formatted(
                        kafka.bootstrapServers(), LIMIT, LIMIT, topic, dir.resolve("t")));

        try (CliProcess run = CliProcess.start(List.of("-Xmx64m"), "run", "-c", config.toString(), "--once")) {
            int code = run.awaitExit(Duration.ofMinutes(3));
            assertEquals(1, code, run.output());
            assertTrue(run.output().contains("OutOfMemoryError"), run.output());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
