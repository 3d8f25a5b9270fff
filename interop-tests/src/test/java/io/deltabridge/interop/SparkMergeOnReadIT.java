package io.deltabridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.k2d.KafkaToDelta;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.TableScan;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merge-on-read upserts, judged by Spark: the same seeded stream of inserts, updates and deletes (JSON rows, tombstones
 * for deletes) is upserted by the bridge into two tables it creates, one with deletion vectors (its default for upserts)
 * and one without ({@code delta.enableDeletionVectors: false}),
 * over several rounds of several flushes each; between rounds Spark deletes rows of both (its own deletion vectors on
 * the files the bridge gave vectors) and compacts them (OPTIMIZE). After every round Spark and Kernel read exactly the
 * expected rows from both; the deletion-vector table's log holds the bridge's deletion vectors (the other's none), and
 * a round of changes spread over the table wrote fewer bytes into it than copy-on-write rewrote. The seed is printed;
 * {@code -Dinterop.seed=N} replays it.
 */
@WithKafkaBroker
class SparkMergeOnReadIT {
    static final long SEED = Long.getLong("interop.seed", System.nanoTime());
    private static final String DDL = "id BIGINT NOT NULL, name STRING, amount BIGINT";
    private static final int INITIAL_ROWS = 2_000;

    @TempDir
    static Path tmp;

    static SparkSql spark;

    @BeforeAll
    static void start() {
        System.out.println("SparkMergeOnReadIT seed " + SEED + " (replay with -Dinterop.seed=" + SEED + ")");
        spark = SparkSql.start(tmp.resolve("spark"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
    }

    @Test
    void sparkAndKernelReadTheUpsertsOfADeletionVectorTableAsThoseOfACopyOnWriteOne(KafkaCluster kafka) {
        Random random = new Random(SEED);
        String topic = kafka.createUniqueTopic("mor", 2);
        Path mor = tmp.resolve("mor");
        Path cow = tmp.resolve("cow");
        TreeMap<Long, String> expected = new TreeMap<>();
        List<ProducerRecord<byte[], byte[]>> initial = new ArrayList<>();
        for (long id = 0; id < INITIAL_ROWS; id++) {
            initial.add(upsert(topic, id, "n" + id, id, expected));
        }
        kafka.produce(initial);
        upsertInto(kafka, topic, mor, true);
        upsertInto(kafka, topic, cow, false);
        assertRows(expected, mor, cow, "after the initial load");

        long nextId = INITIAL_ROWS;
        for (int round = 1; round <= 4; round++) {
            List<ProducerRecord<byte[], byte[]>> changes = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int kind = random.nextInt(10); // 70 % updates, 20 % inserts, 10 % deletes
                if (kind < 2 || expected.isEmpty()) {
                    changes.add(upsert(topic, nextId, "new" + nextId, round, expected));
                    nextId++;
                } else {
                    long id = someKey(expected, random);
                    changes.add(
                            kind < 9
                                    ? upsert(topic, id, "r" + round + "-" + i, random.nextInt(1_000_000), expected)
                                    : delete(topic, id, expected));
                }
            }
            kafka.produce(changes);
            long morBytes = bytesWritten(mor, () -> upsertInto(kafka, topic, mor, true));
            long cowBytes = bytesWritten(cow, () -> upsertInto(kafka, topic, cow, false));
            System.out.printf(
                    "SparkMergeOnReadIT round %d: %d changes, bytes written: deletion vectors %d, copy-on-write %d%n",
                    round, changes.size(), morBytes, cowBytes);
            assertTrue(
                    morBytes < cowBytes,
                    "round " + round + ": merge-on-read wrote " + morBytes + " bytes, copy-on-write " + cowBytes);
            assertRows(expected, mor, cow, "after round " + round);
            if (round == 2) { // Spark's own deletion vectors on the files the bridge gave vectors
                for (Path t : List.of(mor, cow)) {
                    spark.execute("DELETE FROM " + table(t) + " WHERE id % 7 = 0");
                }
                expected.keySet().removeIf(id -> id % 7 == 0);
                assertRows(expected, mor, cow, "after Spark's DELETE");
            } else if (round == 3) {
                for (Path t : List.of(mor, cow)) {
                    spark.execute("OPTIMIZE " + table(t));
                }
                assertRows(expected, mor, cow, "after Spark's OPTIMIZE");
            }
        }
        assertTrue(bridgeVectors(mor) > 0, "the bridge's commits to the deletion-vector table hold deletion vectors");
        assertEquals(0, bridgeVectors(cow), "copy-on-write: no deletion vector");
    }

    private static ProducerRecord<byte[], byte[]> upsert(
            String topic, long id, String name, long amount, Map<Long, String> expected) {
        String row = "{\"id\":" + id + ",\"name\":\"" + name + "\",\"amount\":" + amount + "}";
        expected.put(id, row);
        return new ProducerRecord<>(topic, key(id), row.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static ProducerRecord<byte[], byte[]> delete(String topic, long id, Map<Long, String> expected) {
        expected.remove(id);
        return new ProducerRecord<>(topic, key(id), null);
    }

    private static byte[] key(long id) {
        return ("{\"id\":" + id + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long someKey(TreeMap<Long, String> rows, Random random) {
        Long key = rows.ceilingKey((long) random.nextInt((int) (rows.lastKey() + 1)));
        return key != null ? key : rows.firstKey();
    }

    /**
     * Runs the bridge once: everything new on the topic upserted into {@code table}, 100 changes per flush; the table it
     * creates has deletion vectors by default, {@code delta.enableDeletionVectors: false} makes the copy-on-write one.
     */
    private static void upsertInto(KafkaCluster kafka, String topic, Path table, boolean deletionVectors) {
        KafkaToDelta.Builder builder = KafkaToDelta.builder();
        if (!deletionVectors) {
            builder = builder.tableProperty("delta.enableDeletionVectors", "false");
        }
        builder.bridgeName("interop")
                .name("mor-" + table.getFileName())
                .kafka(Map.of("bootstrap.servers", kafka.bootstrapServers()))
                .topics(topic)
                .table(table.toString())
                .create(true)
                .schema(DDL)
                .format(Format.JSON)
                .upsert("id")
                .flush(new FlushPolicy(100, 1 << 20, Duration.ofMinutes(1)))
                .build()
                .runOnce();
    }

    private static String table(Path t) {
        return "delta.`" + t + "`";
    }

    /** Spark reads {@code expected} from both tables, and Kernel from the deletion-vector one. */
    private static void assertRows(Map<Long, String> expected, Path mor, Path cow, String when) {
        List<String> rows = new ArrayList<>(expected.values());
        for (Path t : List.of(mor, cow)) {
            List<String> spark =
                    SparkMergeOnReadIT.spark.rows("SELECT id, name, amount FROM " + table(t) + " ORDER BY id").stream()
                            .map(ObjectNode::toString)
                            .toList();
            assertEquals(rows, spark, "Spark reads " + t.getFileName() + " " + when + " (seed " + SEED + ")");
        }
        assertEquals(rows, kernelRows(mor), "Kernel reads mor " + when + " (seed " + SEED + ")");
    }

    private static List<String> kernelRows(Path table) {
        Engine engine = DeltaEngines.create(Map.of());
        TreeMap<Long, String> rows = new TreeMap<>();
        TableScan.forEachRow(
                engine, TableManager.loadSnapshot(table.toString()).build(engine), Optional.empty(), (batch, row) -> {
                    long id = batch.getColumnVector(0).getLong(row);
                    String was = rows.put(
                            id,
                            "{\"id\":" + id + ",\"name\":\""
                                    + batch.getColumnVector(1).getString(row) + "\",\"amount\":"
                                    + batch.getColumnVector(2).getLong(row) + "}");
                    assertEquals(null, was, "Kernel reads id " + id + " twice");
                });
        return new ArrayList<>(rows.values());
    }

    /** Bytes of the data and deletion vector files {@code run} added to the table's directory. */
    private static long bytesWritten(Path table, Runnable run) {
        Map<Path, Long> before = files(table);
        run.run();
        return files(table).entrySet().stream()
                .filter(e -> !before.containsKey(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    private static Map<Path, Long> files(Path table) {
        try (Stream<Path> all = Files.walk(table)) {
            TreeMap<Path, Long> sizes = new TreeMap<>();
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (!table.relativize(p).startsWith("_delta_log") && !name.endsWith(".crc")) {
                    sizes.put(p, Files.size(p));
                }
            }
            return sizes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The adds with a deletion vector in the commits the bridge made to {@code table}. */
    private static long bridgeVectors(Path table) {
        try (Stream<Path> commits = Files.list(table.resolve("_delta_log"))) {
            long vectors = 0;
            for (Path commit :
                    commits.filter(p -> p.toString().endsWith(".json")).toList()) {
                List<String> lines = Files.readAllLines(commit);
                if (lines.stream().anyMatch(l -> l.startsWith("{\"commitInfo\"") && l.contains("deltabridge/"))) {
                    vectors += lines.stream()
                            .filter(l -> l.startsWith("{\"add\"") && l.contains("\"deletionVector\":{"))
                            .count();
                }
            }
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
