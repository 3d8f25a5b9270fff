package io.deltabridge.reliability;

import io.deltabridge.testkit.CliProcess;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kafka → delta crash loop: up to {@value #INSTANCES} real {@code bridge run} CLIs (child JVMs) of one
 * mapping, one consumer group, append a topic of 4 partitions to one Delta table while the test keeps
 * producing (good JSON rows with bad records mixed in, which go to the dead-letter topic) and stops
 * one instance at a time at random moments, {@value LoopSettings#CI_KILLS} times with SIGKILL and
 * every fifth time or so with SIGTERM (see {@link Interrupter}), starting a new one in its place; a
 * third of the instances run {@code --once}. Small flush limits make many commits; instances coming
 * and going make rebalances and concurrent commits to the table. After a final clean {@code --once}
 * run the table must hold every good record exactly once (read back with Delta Kernel) and the
 * dead-letter topic every bad record at least once.
 *
 * <p>Every run prints its seed; {@code -Dseed=N} replays its choices and {@code -Dsoak=true} runs
 * ten times as many kills:
 * <pre>
 * mvn -B -q -pl reliability-tests -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=KafkaToDeltaCrashLoopIT -Dfailsafe.failIfNoSpecifiedTests=false [-Dseed=N] [-Dsoak=true]
 * </pre>
 */
@WithKafkaBroker
class KafkaToDeltaCrashLoopIT {
    static final int INSTANCES = 3;
    private static final Duration FINAL_RUN = Duration.ofMinutes(5);

    @Test
    void everyGoodRecordLandsExactlyOnceAndEveryBadOneIsDeadLetteredDespiteKillsAndStops(
            KafkaCluster kafka, @TempDir Path dir) throws Exception {
        LoopSettings settings = LoopSettings.fromSystemProperties();
        System.out.println(settings.banner(getClass().getSimpleName()));
        Random random = settings.random();
        long started = System.nanoTime();

        String topic = kafka.createUniqueTopic("events", 4);
        String deadLetters = kafka.createUniqueTopic("events-dlq", 1);
        Path table = dir.resolve("events");
        Path config = writeConfig(dir, kafka, topic, deadLetters, table);
        TopicWorkload records = new TopicWorkload(kafka, topic, random);
        BridgeCli cli = BridgeCli.prepare(dir, config);
        Interrupter interrupter = new Interrupter(
                random,
                "committed table version",
                List.of("Running 1 mapping", "from the offsets stored"),
                getClass().getSimpleName());

        int starts = CrashLoop.run(cli, interrupter, random, settings.kills(), INSTANCES, records::produceChunk);
        CrashLoop.awaitNoGroupMembers(kafka, "crash-k2d.landing");
        try (CliProcess last = cli.run(true)) {
            interrupter.awaitClean(last, FINAL_RUN);
        }

        long landed = LandedRows.read(table).assertEveryIdOnce(records.goodRecords());
        int deadLettered = records.assertEveryBadRecordDeadLettered(kafka.readAll(deadLetters, Duration.ofMinutes(2)));
        System.out.printf(
                "%s: seed %d, %d instance starts, %s; %d good records each in the table exactly once,"
                        + " %d bad records all dead-lettered (%d dead letters), in %d s%n",
                getClass().getSimpleName(),
                settings.seed(),
                starts,
                interrupter.summary(),
                landed,
                records.badValues().size(),
                deadLettered,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    private static Path writeConfig(Path dir, KafkaCluster kafka, String topic, String deadLetters, Path table)
            throws IOException {
        // a killed member holds its partitions until its session times out: 6 s, the broker's minimum
        return Files.writeString(
                dir.resolve("bridge.yaml"), """
                name: crash-k2d
                kafka:
                  bootstrap.servers: "%s"
                  session.timeout.ms: "6000"
                  heartbeat.interval.ms: "1000"
                mappings:
                  - name: landing
                    from: { kafka: [%s] }
                    to:
                      delta: "%s"
                      create: true
                      schema: "id BIGINT NOT NULL, name STRING"
                    format: json
                    dead-letter-topic: %s
                    flush: { max-records: 300, max-interval: 500ms }
                """.formatted(kafka.bootstrapServers(), topic, table, deadLetters));
    }
}
