package io.deltabridge.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.deltabridge.testkit.CliProcess;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kafka → delta {@code mode: upsert} crash loop: {@value KafkaToDeltaCrashLoopIT#INSTANCES} real CLIs of
 * one upsert mapping while random upserts and tombstones of {@value #KEYS} keys keep arriving on 4
 * partitions (keyed, so each key stays in one partition); one instance at a time is SIGKILLed (now and
 * then SIGTERMed) at a random moment — between writing files and committing, after committing, while
 * planning — and replaced. After a final clean {@code --once} run each live key must be in the table
 * exactly once, holding the row of its last change (its Kafka partition and offset), and no deleted
 * key may be there. A fifth of {@link LoopSettings}' kills ({@code -Dseed=N}, {@code -Dsoak=true} as
 * for the other loops):
 * <pre>
 * mvn -B -q -pl reliability-tests -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=UpsertCrashLoopIT -Dfailsafe.failIfNoSpecifiedTests=false [-Dseed=N] [-Dsoak=true]
 * </pre>
 */
@WithKafkaBroker
class UpsertCrashLoopIT {
    private static final int KEYS = 500;
    private static final Duration FINAL_RUN = Duration.ofMinutes(5);

    /** Per key, the partition and offset of its last upsert, or null when its last change deleted it. */
    private final Map<Long, List<Long>> expected = new TreeMap<>();

    private long changes;

    @Test
    void everyKeyEndsWithItsLastChangeDespiteKillsAndStops(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        LoopSettings settings = LoopSettings.fromSystemProperties();
        System.out.println(settings.banner(getClass().getSimpleName()));
        Random random = settings.random();
        long started = System.nanoTime();
        String topic = kafka.createUniqueTopic("members", 4);
        Path table = dir.resolve("members");
        BridgeCli cli = BridgeCli.prepare(dir, writeConfig(dir, kafka, topic, table));
        Interrupter interrupter = new Interrupter(
                random,
                "committed table version",
                List.of("Running 1 mapping", "from the offsets stored"),
                getClass().getSimpleName());

        int kills = Math.max(5, settings.kills() / 5);
        int starts = CrashLoop.run(
                cli,
                interrupter,
                random,
                kills,
                KafkaToDeltaCrashLoopIT.INSTANCES,
                () -> produceChunk(kafka, topic, random));
        // a --once run reads only the partitions it is assigned: first let the killed members' sessions expire
        CrashLoop.awaitNoGroupMembers(kafka, "crash-upsert.mirror");
        try (CliProcess last = cli.run(true)) {
            interrupter.awaitClean(last, FINAL_RUN);
        }

        Map<Long, List<Long>> landed = new TreeMap<>();
        for (LandedRows.Row row : LandedRows.read(table).rows()) {
            assertEquals(
                    null,
                    landed.put(row.id(), List.of((long) row.partition(), row.offset())),
                    "key " + row.id() + " twice");
        }
        Map<Long, List<Long>> live = new TreeMap<>(expected);
        live.values().removeIf(v -> v == null);
        assertEquals(live, landed, "each live key with its last change, no deleted key");
        System.out.printf(
                "%s: seed %d, %d instance starts, %s; %d changes of %d keys, %d live keys each once with its last change, in %d s%n",
                getClass().getSimpleName(),
                settings.seed(),
                starts,
                interrupter.summary(),
                changes,
                KEYS,
                live.size(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    /** 100..600 changes: 70 % upserts, 30 % tombstones, keyed {@code {"id":k}} (the producer partitions by key). */
    private void produceChunk(KafkaCluster kafka, String topic, Random random) {
        int n = 100 + random.nextInt(500);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(n);
        List<Long> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long id = random.nextInt(KEYS);
            boolean upsert = random.nextInt(10) < 7;
            String value = upsert ? "{\"id\":" + id + ",\"name\":\"c" + (changes + i) + "\"}" : null;
            records.add(new ProducerRecord<>(
                    topic,
                    ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8),
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
            ids.add(id);
        }
        List<RecordMetadata> sent = kafka.produce(records);
        for (int i = 0; i < n; i++) {
            RecordMetadata m = sent.get(i);
            expected.put(ids.get(i), records.get(i).value() == null ? null : List.of((long) m.partition(), m.offset()));
        }
        changes += n;
    }

    private static Path writeConfig(Path dir, KafkaCluster kafka, String topic, Path table) throws java.io.IOException {
        return Files.writeString(dir.resolve("bridge.yaml"), """
                name: crash-upsert
                kafka:
                  bootstrap.servers: "%s"
                  session.timeout.ms: "6000"
                  heartbeat.interval.ms: "1000"
                mappings:
                  - name: mirror
                    from: { kafka: [%s] }
                    to:
                      delta: "%s"
                      create: true
                      schema: "id BIGINT NOT NULL, name STRING"
                    mode: upsert
                    key: [id]
                    flush: { max-records: 300, max-interval: 500ms }
                """.formatted(kafka.bootstrapServers(), topic, table));
    }
}
