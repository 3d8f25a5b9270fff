package io.deltabridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.RegistryConfig;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.registry.HttpSchemaRegistryClient;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.d2k.DeltaToKafkaPipeline;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.SchemaRegistryExtension;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * delta → kafka against Spark, randomized: each case (one seed) picks a {@link TableShape}, lets Spark run a
 * {@link RandomTable} sequence of operations, and every few operations runs its {@link PublishingMapping}s once and
 * compares what they published, decoded, with Spark's {@code table_changes} of the same versions (rows, change
 * types, versions, commit timestamps). Where Spark refuses to read the versions, the bridge must refuse too.
 *
 * <p>{@code -Dinterop.seeds=N} cases (default 4) of {@code -Dinterop.ops=N} operations (default 20), seeds from
 * {@code -Dinterop.seedBase} (default fixed, so CI is repeatable; any number explores other sequences);
 * {@code -Dinterop.seed=S} replays one case.
 */
@WithKafkaBroker
@ExtendWith({SchemaRegistryExtension.class, SparkExtension.class})
class RandomizedDeltaToKafkaIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int OPS = Integer.getInteger("interop.ops", 20);
    /** Spark's refusals of a range that spans a column renamed, dropped or retyped: the start's data, or a change in it. */
    private static final Set<String> REFUSALS = Set.of(
            "DELTA_CHANGE_DATA_FEED_INCOMPATIBLE_DATA_SCHEMA", "DELTA_CHANGE_DATA_FEED_INCOMPATIBLE_SCHEMA_CHANGE");

    @TempDir
    static Path tmp;

    static SparkSql spark;
    static KafkaCluster kafka;
    static SchemaRegistryClient registry;

    @BeforeAll
    static void start(KafkaCluster cluster, RegistryConfig registryConfig, SparkSql sparkSql) {
        kafka = cluster;
        spark = sparkSql;
        registry = new HttpSchemaRegistryClient(registryConfig);
    }

    @AfterAll
    static void closeRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    static Stream<Long> seeds() {
        String one = System.getProperty("interop.seed");
        if (one != null) {
            return Stream.of(Long.parseLong(one));
        }
        long base = Long.getLong("interop.seedBase", 16L); // 16..19 cover every value of every TableShape feature
        return LongStream.range(0, Integer.getInteger("interop.seeds", 4)).mapToObj(i -> base + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void publishesWhatSparkReads(long seed) {
        Random r = random(seed);
        TableShape shape = TableShape.random(r);
        String path = tmp.resolve("t" + seed).toString();
        RandomTable table = new RandomTable(spark, path, shape, r);
        List<PublishingMapping> mappings = PublishingMapping.pick(r, kafka);
        String replay =
                "replay: mvn -pl interop-tests -am verify -Dit.test=RandomizedDeltaToKafkaIT -Dinterop.seed=" + seed
                        + " -Dinterop.ops=" + OPS + " -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false"
                        + " -Dfailsafe.failIfNoSpecifiedTests=false";
        System.out.println("interop case seed=" + seed + " " + shape + " mappings=" + mappings + " (" + replay + ")");
        Comparison comparison = new Comparison(table, path, mappings);
        long started = System.nanoTime();
        try {
            table.create();
            for (int i = 0; i < OPS; i++) {
                table.step();
                if (r.nextInt(4) == 0 || i == OPS - 1) {
                    comparison.sync();
                }
            }
            System.out.printf(
                    "  seed %d: %d statements, %d comparisons in %.1f s%n",
                    seed, table.history().size(), comparison.ranges, (System.nanoTime() - started) / 1e9);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(
                    "seed " + seed + " " + shape + " failed (" + replay + ")\nstatements:\n  "
                            + String.join("\n  ", table.history()) + "\n" + e,
                    e);
        }
    }

    /** Spark keeps writing while one mapping runs continuously; what it published then equals Spark's feed. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("continuousSeeds")
    void publishesWhatSparkReadsWhileSparkKeepsWriting(long seed) throws Exception {
        Random r = random(seed);
        TableShape shape = TableShape.random(r);
        String path = tmp.resolve("c" + seed).toString();
        RandomTable table = new RandomTable(spark, path, shape, r);
        PublishingMapping mapping = PublishingMapping.pick(r, kafka).get(r.nextInt(2));
        System.out.println("interop continuous case seed=" + seed + " " + shape + " mapping=" + mapping
                + " (replay: -Dit.test=RandomizedDeltaToKafkaIT -Dinterop.seed=" + seed + " -Dinterop.ops=" + OPS
                + ")");
        table.create();
        while (table.cdfStart() < 0) {
            table.dataStep();
        }
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try (DeltaToKafkaPipeline p =
                mapping.pipeline(path, table.cdfStart(), false, Duration.ofMillis(100), kafka, registry)) {
            Future<?> run = runner.submit(p::runContinuously);
            for (int i = 0; i < OPS / 2; i++) {
                table.dataStep();
            }
            table.insert(); // the last version has events: they tell when the bridge caught up
            long latest = table.latestVersion();
            List<ChangeEvent> expected = SparkChanges.events(
                    SparkChanges.feed(spark, path, table.cdfStart(), latest).orThrow("table_changes"),
                    List.of("id"),
                    mapping.changes(),
                    mapping.envelope());
            kafka.readUntil(mapping.topic(), mapping.records(expected), TIMEOUT);
            p.stop();
            run.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<ChangeEvent> actual = PublishedChanges.events(
                    kafka.readAll(mapping.topic(), TIMEOUT), mapping.envelope(), mapping.decoder(registry));
            assertEquals(
                    Comparison.lines(expected),
                    Comparison.lines(actual),
                    "seed " + seed + " " + mapping + "\nstatements:\n  " + String.join("\n  ", table.history()));
        } finally {
            runner.shutdownNow();
        }
    }

    /** java.util.Random's first values are alike for consecutive seeds: spread the seed first. */
    private static Random random(long seed) {
        return new Random(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
    }

    static Stream<Long> continuousSeeds() {
        return seeds().limit(1);
    }

    /**
     * Compares each mapping's events with Spark's feed, one range of new versions at a time. Where Spark refuses a
     * range, every mapping must refuse it too, naming the first version Spark reads again; the mappings then follow
     * that fix (progress reset, that starting version) and the comparison goes on from there.
     */
    private static final class Comparison {
        private final RandomTable table;
        private final String path;
        private final List<PublishingMapping> mappings;
        private final Map<String, Integer> published = new HashMap<>();
        private long from = -1;
        private long restartedAt = -1;
        private int ranges;

        Comparison(RandomTable table, String path, List<PublishingMapping> mappings) {
            this.table = table;
            this.path = path;
            this.mappings = mappings;
        }

        /** Compares the versions since the last call. */
        void sync() {
            if (table.cdfStart() < 0) {
                return;
            }
            from = Math.max(from, table.cdfStart());
            long latest = table.latestVersion();
            if (latest < from) {
                return;
            }
            SparkSql.Answer feed = SparkChanges.feed(spark, path, from, latest);
            ranges++;
            long restart = feed.ok() ? -1 : firstReadable(latest, feed);
            boolean reset = restartedAt >= 0;
            for (PublishingMapping m : mappings) {
                RuntimeException failure = null;
                try (DeltaToKafkaPipeline p = m.pipeline(
                        path, reset ? restartedAt : table.cdfStart(), reset, Duration.ofSeconds(1), kafka, registry)) {
                    p.runOnce();
                } catch (RuntimeException e) {
                    failure = e;
                }
                String range = m + " versions " + from + ".." + latest;
                if (feed.ok()) {
                    if (failure != null) {
                        throw new AssertionError(
                                "Spark reads " + range + " but the bridge failed: " + failure, failure);
                    }
                    compare(m, feed.rows(), range);
                } else {
                    if (!(failure instanceof DataException)
                            || !failure.getMessage().contains("starting-version: " + restart)) {
                        throw new AssertionError(
                                "Spark refused " + range + " (" + feed.condition() + ": " + feed.message()
                                        + ") and reads again from version " + restart
                                        + ", but the bridge did not refuse with a"
                                        + " DataException saying 'starting-version: " + restart + "': " + failure,
                                failure);
                    }
                }
            }
            restartedAt = -1;
            if (!feed.ok()) {
                System.out.println("  Spark and the bridge refused versions " + from + ".." + latest
                        + "; restarting at " + restart);
                restartedAt = restart;
                from = restart;
                sync();
                return;
            }
            from = latest + 1;
        }

        /** The first version after {@code from} from which Spark reads the feed to {@code latest} again. */
        private long firstReadable(long latest, SparkSql.Answer refusal) {
            assertTrue(REFUSALS.contains(refusal.condition()), refusal.condition() + ": " + refusal.message());
            for (long v = from + 1; v <= latest; v++) {
                if (SparkChanges.feed(spark, path, v, latest).ok()) {
                    return v;
                }
            }
            throw new AssertionError("Spark reads no version of " + from + ".." + latest + ": " + refusal.message());
        }

        private void compare(
                PublishingMapping m, List<com.fasterxml.jackson.databind.node.ObjectNode> feed, String range) {
            List<ChangeEvent> expected = SparkChanges.events(feed, List.of("id"), m.changes(), m.envelope());
            int total = published.getOrDefault(m.topic(), 0) + m.records(expected);
            kafka.readUntil(m.topic(), total, TIMEOUT);
            List<ConsumedRecord> records = kafka.readAll(m.topic(), TIMEOUT);
            published.put(m.topic(), records.size());
            List<ConsumedRecord> fresh = records.stream()
                    .filter(rec -> Long.parseLong(rec.headerString("deltabridge.version")) >= from)
                    .toList();
            List<ChangeEvent> actual = PublishedChanges.events(fresh, m.envelope(), m.decoder(registry));
            assertEquals(lines(expected), lines(actual), range);
        }

        static String lines(List<ChangeEvent> events) {
            StringBuilder out = new StringBuilder();
            events.forEach(e -> out.append(e).append('\n'));
            return out.toString();
        }
    }
}
