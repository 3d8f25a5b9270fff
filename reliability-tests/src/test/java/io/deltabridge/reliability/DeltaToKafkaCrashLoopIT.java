package io.deltabridge.reliability;

import io.deltabridge.testkit.CliProcess;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * delta → kafka crash loop: the real {@code bridge run} CLI (a child JVM) publishes a Delta table's
 * change feed while the test keeps committing to the table (inserts, updates, deletes: many versions,
 * most of them split into several transactions by a small {@code max-transaction-records}) and stops
 * the process at random moments, {@value LoopSettings#CI_KILLS} times with SIGKILL and every fifth
 * time or so with SIGTERM (see {@link Interrupter}); a third of the runs are {@code --once}. The
 * bridge has two mappings of the table to two topics, so the two share the progress partition and
 * each SIGKILL leaves up to two transactions open. After a final clean {@code --once} run, a
 * {@code read_committed} consumer must see every change of the table exactly once per topic, and
 * per key in commit order.
 *
 * <p>Every run prints its seed; {@code -Dseed=N} replays its choices and {@code -Dsoak=true} runs
 * ten times as many kills:
 * <pre>
 * mvn -B -q -pl reliability-tests -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=DeltaToKafkaCrashLoopIT -Dfailsafe.failIfNoSpecifiedTests=false [-Dseed=N] [-Dsoak=true]
 * </pre>
 */
@WithKafkaBroker
class DeltaToKafkaCrashLoopIT {
    private static final List<String> MAPPINGS = List.of("insights-a", "insights-b");
    private static final Duration FINAL_RUN = Duration.ofMinutes(5);

    @Test
    void everyChangeIsPublishedExactlyOnceInCommitOrderDespiteKillsAndStops(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        LoopSettings settings = LoopSettings.fromSystemProperties();
        System.out.println(settings.banner(getClass().getSimpleName()));
        Random random = settings.random();
        long started = System.nanoTime();

        InsightsWorkload table = InsightsWorkload.create(dir.resolve("insights"), random);
        Map<String, String> topics = new TreeMap<>();
        for (String mapping : MAPPINGS) {
            topics.put(mapping, kafka.createUniqueTopic(mapping, 3));
        }
        Path config = writeConfig(dir, kafka, table.path(), topics);
        BridgeCli cli = BridgeCli.prepare(dir, config);
        Interrupter interrupter = new Interrupter(
                random,
                "published version",
                List.of(
                        "Running 1 mapping",
                        "Running 2 mapping",
                        "resumes at version",
                        "has no progress yet",
                        "is up to date"),
                getClass().getSimpleName());

        int runs = 0;
        while (interrupter.kills() < settings.kills()) {
            boolean once = random.nextInt(3) == 0;
            runs++;
            System.out.printf(
                    "run %d (kills so far %d), table at %d commits%n", runs, interrupter.kills(), table.commits());
            long start = System.nanoTime();
            try (CliProcess bridge = cli.run(once)) {
                table.commitSomething(); // while the bridge starts or publishes
                interrupter.interrupt(bridge, once, start);
            }
        }
        try (CliProcess last = cli.run(true)) {
            interrupter.awaitClean(last, FINAL_RUN);
        }

        ExpectedChanges expected = table.expected();
        for (Map.Entry<String, String> topic : topics.entrySet()) {
            List<ConsumedRecord> events = kafka.readAll(topic.getValue(), Duration.ofMinutes(2));
            expected.assertPublishedOnce(topic.getKey(), events);
        }
        System.out.printf(
                "%s: seed %d, %d runs, %s; %d table commits, %d changes per topic (%d events in all)"
                        + " each seen exactly once in commit order, in %d s%n",
                getClass().getSimpleName(),
                settings.seed(),
                runs,
                interrupter.summary(),
                table.commits(),
                expected.events(),
                expected.events() * topics.size(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    private static Path writeConfig(Path dir, KafkaCluster kafka, Path table, Map<String, String> topics)
            throws IOException {
        StringBuilder yaml =
                new StringBuilder("""
                name: crash-d2k
                kafka: { bootstrap.servers: "%s" }
                progress-topic: %s
                mappings:
                """.formatted(kafka.bootstrapServers(), KafkaCluster.uniqueName("progress")));
        topics.forEach((mapping, topic) -> yaml.append("""
                  - name: %s
                    from: { delta: "%s" }
                    to:   { kafka: %s }
                    key: [id]
                    format: json
                    changes: [insert, update, delete]
                    columns: [id, segment, score]
                    max-transaction-records: 250
                    poll-interval: 200ms
                """.formatted(mapping, table, topic)));
        return Files.writeString(dir.resolve("bridge.yaml"), yaml);
    }
}
