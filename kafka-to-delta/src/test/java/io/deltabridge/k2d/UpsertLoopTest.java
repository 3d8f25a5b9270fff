package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.config.KeyFormat;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.core.schema.DdlParser;
import io.deltabridge.k2d.delta.DeltaAppender;
import io.deltabridge.k2d.delta.ForeignCompaction;
import io.deltabridge.k2d.delta.StoredOffsets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code mode: upsert} with {@code envelope: row}, through the loop (scripted {@link MockKafka}) into a real Delta table. */
class UpsertLoopTest {
    private static final String TOPIC = "members";
    private static final String DDL = "id BIGINT NOT NULL, name STRING";
    private static final String CHANGE = "deltabridge.change.type";

    private final Engine engine = DeltaEngines.create(Map.of());
    private final MockKafka kafka = new MockKafka(TOPIC);

    @TempDir
    Path dir;

    @Test
    void changesAreAppliedByKeyTheLastPerKeyWinsAndUnappliableRecordsAreDeadLettered() {
        kafka.partitions(12);
        kafka.consumer.schedulePollTask(() -> {
            kafka.consumer.rebalance(List.of(new TopicPartition(TOPIC, 0)));
            kafka.add(0, 0, "{\"id\":1}", "{\"id\":1,\"name\":\"a\"}");
            kafka.add(0, 1, "{\"id\":2}", "{\"id\":2,\"name\":\"b\"}");
            kafka.add(0, 2, "{\"id\":3}", "{\"id\":3,\"name\":\"c\"}");
        });
        kafka.consumer.schedulePollTask(() -> {
            kafka.add(0, 3, "{\"id\":1}", "{\"id\":1,\"name\":\"a2\"}");
            kafka.add(0, 4, "{\"id\":2}", null); // tombstone
            kafka.add(0, 5, "{\"id\":3}", "{\"id\":3,\"name\":\"c-old\"}", CHANGE, "update_preimage");
            kafka.add(0, 6, "{\"id\":3}", "{\"id\":3,\"name\":\"c2\"}", CHANGE, "update_postimage");
            kafka.add(0, 7, "{\"id\":4}", "{\"id\":4,\"name\":\"d\"}", CHANGE, "insert");
        });
        kafka.consumer.schedulePollTask(() -> {
            kafka.add(0, 8, "{\"id\":1}", null, CHANGE, "delete");
            kafka.add(0, 9, "{\"id\":4}", "{\"id\":4,\"name\":\"d2\"}");
            kafka.add(0, 10, null, null); // a tombstone without key
            kafka.add(0, 11, "{\"name\":\"x\"}", null); // a key without its key column
        });
        RunSummary summary =
                pipeline(new FlushPolicy(3, 1 << 20, Duration.ofMinutes(1))).runOnce();

        assertEquals(Map.of(3L, "c2", 4L, "d2"), rows());
        assertEquals(Map.of(new TopicPartition(TOPIC, 0), 12L), stored());
        assertEquals(2, kafka.sent().size(), "the two records without a usable key");
        assertTrue(new String(
                        kafka.sent()
                                .get(1)
                                .headers()
                                .lastHeader(DeadLetters.ERROR_MESSAGE)
                                .value(),
                        StandardCharsets.UTF_8)
                .contains("key column 'id'"));
        assertTrue(
                summary.units() >= 3, "several flushes, each rewriting what the one before wrote: " + summary.units());
    }

    @Test
    void stringKeysDeleteTheRowsTheyName() {
        kafka.partitions(4);
        kafka.consumer.schedulePollTask(() -> {
            kafka.consumer.rebalance(List.of(new TopicPartition(TOPIC, 0)));
            kafka.add(0, 0, "7", "{\"id\":7,\"name\":\"g\"}");
            kafka.add(0, 1, "8", "{\"id\":8,\"name\":\"h\"}");
        });
        kafka.consumer.schedulePollTask(() -> {
            kafka.add(0, 2, "7", null);
            kafka.add(0, 3, "9", null); // deleting a key that is not there changes nothing
        });
        KafkaToDeltaPipeline p = KafkaToDelta.builder()
                .bridgeName("unit")
                .name("m")
                .topics(TOPIC)
                .table(table())
                .create(true)
                .schema(DDL)
                .upsert("id")
                .keyFormat(KeyFormat.STRING)
                .flush(new FlushPolicy(2, 1 << 20, Duration.ofMinutes(1)))
                .kafkaClients(kafka)
                .engine(engine)
                .build();
        p.runOnce();

        assertEquals(Map.of(8L, "h"), rows());
    }

    @ParameterizedTest(name = "deletion vectors {0}")
    @ValueSource(booleans = {false, true})
    void aWriterCommittingBetweenPlanAndCommitMakesTheUpsertPlanAgainWithoutDuplicatingItsKeys(boolean vectors) {
        kafka.partitions(4);
        kafka.consumer.schedulePollTask(() -> {
            kafka.consumer.rebalance(List.of(new TopicPartition(TOPIC, 0)));
            kafka.add(0, 0, "{\"id\":1}", "{\"id\":1,\"name\":\"a\"}");
            kafka.add(0, 1, "{\"id\":2}", "{\"id\":2,\"name\":\"b\"}");
        });
        kafka.consumer.schedulePollTask(() -> {
            kafka.add(0, 2, "{\"id\":2}", "{\"id\":2,\"name\":\"b2\"}");
            kafka.add(0, 3, "{\"id\":3}", null);
        });
        // the second flush was planned: another writer adds ids 2 and 3 before it commits
        KafkaToDeltaPipeline p = upsert(kafka, vectors)
                .faults(beforeTheSecondCommit(() -> ForeignAppender.append(engine, table(), 2, 4)))
                .build();
        p.runOnce();

        Map<Long, String> expected =
                new TreeMap<>(Map.of(1L, "a", 2L, "b2")); // 3: the other writer's row, deleted after it
        assertEquals(expected, rows());
        assertEquals(vectors, vectorsInLog() > 0, "deletion vectors written");
    }

    /**
     * Merge-on-read against another writer between plan and commit: it gives the file the flush planned a vector for a
     * vector of its own (another instance deleting id 1), or compacts the table (OPTIMIZE). The flush's commit must not
     * land on the plan made before (its vector would bring id 1 back, or name a file no longer in the table): it plans
     * again on the new snapshot.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"another vector", "compaction"})
    void anotherWriterChangingTheFilesOfAPlannedVectorMakesTheUpsertPlanAgain(String other) {
        kafka.partitions(5);
        kafka.consumer.schedulePollTask(() -> {
            kafka.consumer.rebalance(List.of(new TopicPartition(TOPIC, 0)));
            kafka.add(0, 0, "{\"id\":1}", "{\"id\":1,\"name\":\"a\"}");
            kafka.add(0, 1, "{\"id\":2}", "{\"id\":2,\"name\":\"b\"}");
            kafka.add(0, 2, "{\"id\":3}", "{\"id\":3,\"name\":\"c\"}");
        });
        kafka.consumer.schedulePollTask(() -> {
            kafka.add(0, 3, "{\"id\":2}", "{\"id\":2,\"name\":\"b2\"}");
            kafka.add(0, 4, "{\"id\":3}", null);
        });
        // the second flush was planned on the file of 1, 2, 3
        KafkaToDeltaPipeline p = upsert(kafka, true)
                .flush(new FlushPolicy(3, 1 << 20, Duration.ofMinutes(1)))
                .faults(beforeTheSecondCommit(() -> {
                    if (other.equals("compaction")) {
                        ForeignCompaction.compact(engine, table());
                    } else {
                        ForeignDelete.delete(engine, table(), 1L);
                    }
                }))
                .build();
        p.runOnce();

        Map<Long, String> expected = new TreeMap<>(Map.of(2L, "b2"));
        if (other.equals("compaction")) {
            expected.put(1L, "a");
        }
        assertEquals(expected, rows());
        assertTrue(vectorsInLog() >= 1, "deletion vectors written: " + vectorsInLog());
    }

    @Test
    void flushesReadTheKeysOfOnlyTheFilesAnotherWriterWroteSinceTheyKeepAKeyIndex() {
        kafka.partitions(7);
        kafka.consumer.schedulePollTask(() -> {
            kafka.consumer.rebalance(List.of(new TopicPartition(TOPIC, 0)));
            kafka.add(0, 0, "{\"id\":1}", "{\"id\":1,\"name\":\"a\"}");
            kafka.add(0, 1, "{\"id\":2}", "{\"id\":2,\"name\":\"b\"}");
        });
        kafka.consumer.schedulePollTask(() -> {
            kafka.add(0, 2, "{\"id\":3}", null);
            kafka.add(0, 3, "{\"id\":1}", "{\"id\":1,\"name\":\"a2\"}");
        });
        kafka.consumer.schedulePollTask(() -> {
            kafka.add(0, 4, "{\"id\":4}", "{\"id\":4,\"name\":\"d\"}");
            kafka.add(0, 5, "{\"id\":5}", "{\"id\":5,\"name\":\"e\"}");
        });
        kafka.consumer.schedulePollTask(() -> kafka.add(0, 6, "{\"id\":2}", "{\"id\":2,\"name\":\"b2\"}"));
        KeyReadsEngine counting = new KeyReadsEngine(engine);
        int[] commits = {0};
        KafkaToDeltaPipeline p = upsert(kafka)
                .engine(counting)
                .faults(new FaultPoints() {
                    @Override
                    public void afterDeltaCommit(long version) {
                        if (++commits[0] == 1) { // between the first two flushes: an append, then OPTIMIZE
                            try {
                                ForeignAppender.append(engine, table(), 3, 5);
                                ForeignCompaction.compact(engine, table());
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                            counting.keyReads.set(0);
                        }
                    }
                })
                .build();
        p.runOnce();

        Map<Long, String> expected = new TreeMap<>(Map.of(1L, "a2", 2L, "b2", 4L, "d", 5L, "e"));
        assertEquals(expected, rows(), "3 deleted, 4 of the other writer updated");
        assertTrue(commits[0] >= 4, "a commit per flush: " + commits[0]);
        assertEquals(
                1,
                counting.keyReads.get(),
                "after the first flush, only the compacted file is read for its keys; the files the flushes wrote are in the index");
    }

    @ParameterizedTest(name = "deletion vectors {0}")
    @ValueSource(booleans = {false, true})
    void aCrashBetweenWritingFilesAndCommittingLosesNothingAndAppliesNothingTwice(boolean vectors) {
        MockKafka first = new MockKafka(TOPIC);
        script(first);
        RuntimeException killed = new IllegalStateException("killed");
        KafkaToDeltaPipeline crashing = upsert(first, vectors)
                .flush(SCRIPT_FLUSH)
                .faults(new FaultPoints() {
                    @Override
                    public void afterFilesWritten(io.deltabridge.k2d.delta.TableChange write) {
                        if (write.rows() > 0 && rows().size() == 3) { // the second flush: files written, not committed
                            throw killed;
                        }
                    }
                })
                .build();
        assertThrows(IllegalStateException.class, crashing::runOnce);
        assertEquals(Map.of(1L, "a", 2L, "b", 9L, "i"), rows(), "the first flush only");

        MockKafka again = new MockKafka(TOPIC);
        script(again);
        upsert(again, vectors).flush(SCRIPT_FLUSH).build().runOnce();

        assertEquals(Map.of(2L, "b2", 3L, "c", 9L, "i"), rows());
        assertEquals(Map.of(new TopicPartition(TOPIC, 0), 6L), stored());
        assertEquals(vectors, vectorsInLog() > 0, "deletion vectors written");
    }

    /** Another writer's commit, made by {@code otherWriter} once the second flush has written its files. */
    private static FaultPoints beforeTheSecondCommit(ForeignCommit otherWriter) {
        int[] flushes = {0};
        return new FaultPoints() {
            @Override
            public void afterFilesWritten(io.deltabridge.k2d.delta.TableChange write) {
                if (++flushes[0] == 2) {
                    try {
                        otherWriter.commit();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        };
    }

    @FunctionalInterface
    private interface ForeignCommit {
        void commit() throws java.io.IOException;
    }

    /** A flush per poll of {@link #script}. */
    private static final FlushPolicy SCRIPT_FLUSH = new FlushPolicy(3, 1 << 20, Duration.ofMinutes(1));

    /** Inserts 1, 2 and 9 (first flush), then updates 2, deletes 1 and inserts 3 (9's file keeps a row). */
    private static void script(MockKafka k) {
        k.partitions(6);
        k.consumer.schedulePollTask(() -> {
            k.consumer.rebalance(List.of(new TopicPartition(TOPIC, 0)));
            k.add(0, 0, "{\"id\":1}", "{\"id\":1,\"name\":\"a\"}");
            k.add(0, 1, "{\"id\":2}", "{\"id\":2,\"name\":\"b\"}");
            k.add(0, 2, "{\"id\":9}", "{\"id\":9,\"name\":\"i\"}");
        });
        k.consumer.schedulePollTask(() -> {
            k.add(0, 3, "{\"id\":2}", "{\"id\":2,\"name\":\"b2\"}");
            k.add(0, 4, "{\"id\":1}", null);
            k.add(0, 5, "{\"id\":3}", "{\"id\":3,\"name\":\"c\"}");
        });
    }

    private KafkaToDelta.Builder upsert(MockKafka clients) {
        return upsert(clients, false);
    }

    /** An upsert pipeline creating the table, with deletion vectors enabled or not. */
    private KafkaToDelta.Builder upsert(MockKafka clients, boolean deletionVectors) {
        return upserting(clients).tableProperty("delta.enableDeletionVectors", Boolean.toString(deletionVectors));
    }

    /** An upsert pipeline creating the table with the bridge's default table properties. */
    private KafkaToDelta.Builder upserting(MockKafka clients) {
        return KafkaToDelta.builder()
                .bridgeName("unit")
                .name("m")
                .topics(TOPIC)
                .table(table())
                .create(true)
                .schema(DDL)
                .upsert("id")
                .flush(new FlushPolicy(2, 1 << 20, Duration.ofMinutes(1)))
                .kafkaClients(clients)
                .engine(engine);
    }

    /**
     * A table the bridge creates for upserts has deletion vectors on (merge-on-read, docs/benchmarks.md), unless the
     * mapping's table properties say otherwise; Spark reads such tables (SparkMergeOnReadIT).
     */
    @ParameterizedTest(name = "table property {0}")
    @ValueSource(strings = {"unset", "false"})
    void aTableCreatedForUpsertsHasDeletionVectorsUnlessTheMappingTurnsThemOff(String property) {
        script(kafka);
        KafkaToDelta.Builder builder = property.equals("unset") ? upserting(kafka) : upsert(kafka, false);
        builder.flush(SCRIPT_FLUSH).build().runOnce();

        assertEquals(Map.of(2L, "b2", 3L, "c", 9L, "i"), rows());
        String enabled = DeltaAppender.latest(engine, table())
                .orElseThrow()
                .getTableProperties()
                .get("delta.enableDeletionVectors");
        assertEquals(property.equals("unset") ? "true" : "false", enabled);
        assertEquals(property.equals("unset"), vectorsInLog() > 0, "deletion vectors written");
    }

    @Test
    void aTableWithTheChangeDataFeedIsRefusedBeforeAnythingIsWritten() {
        DeltaAppender.create(
                engine, table(), DdlParser.parse(DDL), List.of(), Map.of("delta.enableChangeDataFeed", "true"), "d");
        kafka.partitions(1);
        ConfigException e = assertThrows(
                ConfigException.class, () -> pipeline(FlushPolicy.DEFAULT).runOnce());

        assertTrue(e.getMessage().contains("the table has the change data feed on"), e.getMessage());
        assertEquals(0, DeltaAppender.latest(engine, table()).orElseThrow().getVersion(), "nothing written");
    }

    private KafkaToDeltaPipeline pipeline(FlushPolicy flush) {
        return KafkaToDelta.builder()
                .bridgeName("unit")
                .name("m")
                .topics(TOPIC)
                .table(table())
                .create(true)
                .schema(DDL)
                .upsert("id")
                .deadLetterTopic("dlq")
                .flush(flush)
                .kafkaClients(kafka)
                .engine(engine)
                .build();
    }

    private String table() {
        return dir.resolve("t").toString();
    }

    /** id → name; fails on a duplicate id. */
    private Map<Long, String> rows() {
        Map<Long, String> rows = new TreeMap<>();
        for (ObjectNode o : TableRows.read(engine, table())) {
            long id = o.get("id").asLong();
            assertFalse(rows.containsKey(id), "id " + id + " twice");
            rows.put(id, o.get("name").isNull() ? null : o.get("name").asText());
        }
        return rows;
    }

    /** The adds with a deletion vector in the table's commits. */
    private long vectorsInLog() {
        try (var commits = java.nio.file.Files.list(dir.resolve("t").resolve("_delta_log"))) {
            return commits.filter(f -> f.toString().endsWith(".json"))
                    .flatMap(f -> {
                        try {
                            return java.nio.file.Files.readAllLines(f).stream();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .filter(line -> line.startsWith("{\"add\"") && line.contains("\"deletionVector\":{"))
                    .count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<TopicPartition, Long> stored() {
        return DeltaAppender.open(
                        engine, DeltaAppender.latest(engine, table()).orElseThrow(), StoredOffsets.domain("unit", "m"))
                .refreshOffsets();
    }
}
