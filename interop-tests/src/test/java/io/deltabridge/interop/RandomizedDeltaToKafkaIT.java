package io.deltabridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * <p>{@code -Dinterop.seeds=N} cases (default 6) of {@code -Dinterop.ops=N} operations (default 30), seeds from
 * {@code -Dinterop.seedBase} (default fixed, so CI is repeatable; any number explores other sequences);
 * {@code -Dinterop.seed=S} replays one case.
 */
@WithKafkaBroker
@ExtendWith(SchemaRegistryExtension.class)
class RandomizedDeltaToKafkaIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int OPS = Integer.getInteger("interop.ops", 30);

    @TempDir
    static Path tmp;

    static SparkSql spark;
    static KafkaCluster kafka;
    static SchemaRegistryClient registry;

    @BeforeAll
    static void start(KafkaCluster cluster, RegistryConfig registryConfig) {
        kafka = cluster;
        registry = new HttpSchemaRegistryClient(registryConfig);
        spark = SparkSql.start(tmp.resolve("spark"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (spark != null) {
            spark.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    static Stream<Long> seeds() {
        String one = System.getProperty("interop.seed");
        if (one != null) {
            return Stream.of(Long.parseLong(one));
        }
        long base = Long.getLong("interop.seedBase", 20_261_206L);
        return LongStream.range(0, Integer.getInteger("interop.seeds", 6)).mapToObj(i -> base + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void publishesWhatSparkReads(long seed) {
        Random r = new Random(seed);
        TableShape shape = TableShape.random(r);
        String path = tmp.resolve("t" + seed).toString();
        RandomTable table = new RandomTable(spark, path, shape, r);
        List<PublishingMapping> mappings = PublishingMapping.pick(r, kafka);
        String replay = "replay: mvn -pl interop-tests -am verify -Dit.test=RandomizedDeltaToKafkaIT -Dinterop.seed=" + seed
                + " -Dinterop.ops=" + OPS + " -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false";
        System.out.println("interop case seed=" + seed + " " + shape + " mappings=" + mappings + " (" + replay + ")");
        Comparison comparison = new Comparison(table, path, mappings);
        try {
            table.create();
            for (int i = 0; i < OPS; i++) {
                table.step();
                if (r.nextInt(4) == 0 || i == OPS - 1) {
                    comparison.sync();
                }
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + " " + shape + " failed (" + replay + ")\nstatements:\n  "
                    + String.join("\n  ", table.history()) + "\n" + e, e);
        }
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
            long restart = feed.ok() ? -1 : firstReadable(latest, feed);
            boolean reset = restartedAt >= 0;
            for (PublishingMapping m : mappings) {
                RuntimeException failure = null;
                try (DeltaToKafkaPipeline p = m.pipeline(path, reset ? restartedAt : table.cdfStart(), reset, kafka, registry)) {
                    p.runOnce();
                } catch (RuntimeException e) {
                    failure = e;
                }
                String range = m + " versions " + from + ".." + latest;
                if (feed.ok()) {
                    if (failure != null) {
                        throw new AssertionError("Spark reads " + range + " but the bridge failed: " + failure, failure);
                    }
                    compare(m, feed.rows(), range);
                } else {
                    if (!(failure instanceof DataException) || !failure.getMessage().contains("starting-version: " + restart)) {
                        throw new AssertionError("Spark refused " + range + " (" + feed.condition() + ": " + feed.message()
                                + ") and reads again from version " + restart + ", but the bridge did not refuse with a"
                                + " DataException saying 'starting-version: " + restart + "': " + failure, failure);
                    }
                }
            }
            restartedAt = -1;
            if (!feed.ok()) {
                System.out.println("  Spark and the bridge refused versions " + from + ".." + latest + "; restarting at " + restart);
                restartedAt = restart;
                from = restart;
                sync();
                return;
            }
            from = latest + 1;
        }

        /** The first version after {@code from} from which Spark reads the feed to {@code latest} again. */
        private long firstReadable(long latest, SparkSql.Answer refusal) {
            assertEquals("DELTA_CHANGE_DATA_FEED_INCOMPATIBLE_DATA_SCHEMA", refusal.condition(), refusal.message());
            for (long v = from + 1; v <= latest; v++) {
                if (SparkChanges.feed(spark, path, v, latest).ok()) {
                    return v;
                }
            }
            throw new AssertionError("Spark reads no version of " + from + ".." + latest + ": " + refusal.message());
        }

        private void compare(PublishingMapping m, List<com.fasterxml.jackson.databind.node.ObjectNode> feed, String range) {
            List<ChangeEvent> expected = SparkChanges.events(feed, List.of("id"), m.changes(), m.envelope());
            int total = published.getOrDefault(m.topic(), 0) + m.records(expected);
            kafka.readUntil(m.topic(), total, TIMEOUT);
            List<ConsumedRecord> records = kafka.readAll(m.topic(), TIMEOUT);
            published.put(m.topic(), records.size());
            List<ConsumedRecord> fresh = records.stream()
                    .filter(rec -> Long.parseLong(rec.headerString("deltabridge.version")) >= from).toList();
            List<ChangeEvent> actual = PublishedChanges.events(fresh, m.envelope(), m.decoder(registry));
            assertEquals(lines(expected), lines(actual), range);
        }

        private static String lines(List<ChangeEvent> events) {
            StringBuilder out = new StringBuilder();
            events.forEach(e -> out.append(e).append('\n'));
            return out.toString();
        }
    }
}
