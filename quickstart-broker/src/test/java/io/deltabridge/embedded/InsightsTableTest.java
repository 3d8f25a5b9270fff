package io.deltabridge.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.error.RetriableBridgeException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InsightsTableTest {
    private static final int ROWS = 3_000;
    private static final Instant UPDATED_AT = Instant.parse("2026-02-03T04:05:06.123456Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final Engine engine = DeltaEngines.create(Map.of());

    @Test
    void generatesTheSameRowAsPeerBenchSpark() {
        // peer-bench README: the JSON of row 12345 as Spark's GenTable wrote it
        InsightsRow row = InsightsRow.generate(12345);
        assertEquals(
                new InsightsRow(
                        12345,
                        "C12345",
                        "smb",
                        0.326,
                        new BigDecimal("0.8131"),
                        Instant.parse("2026-01-07T00:27:18Z"),
                        List.of(0.8, 0.59, 0.08, 0.52, 0.67, 0.42, 0.47, 0.87),
                        Map.of("src", "web", "geo", "apac", "tier", "silver"),
                        "FR",
                        70,
                        true,
                        3),
                row);
    }

    @Test
    void updateRuleIsSparks() {
        InsightsRow row = InsightsRow.generate(12345).updated(UPDATED_AT);
        assertEquals(0.2934, row.score()); // round(0.326 * 0.9, 4)
        assertEquals(new BigDecimal("0.8631"), row.churnRisk());
        assertEquals(UPDATED_AT, row.updatedAt());
        assertEquals(4, row.version());
        // least(churn_risk + 0.05, 0.9999)
        assertEquals(9999, InsightsValues.updatedChurnRiskUnscaled(9990));
    }

    @Test
    void insertUpdateDeleteAreDeltaCommitsKernelReads() throws Exception {
        Path path = tmp.resolve("insights");
        InsightsTable table = InsightsTable.create(path, ROWS);
        String uri = table.path().toString();
        assertEquals(1, table.latestVersion());
        Snapshot v1 = TableManager.loadSnapshot(uri).build(engine);
        assertEquals("true", v1.getTableProperties().get("delta.enableChangeDataFeed"));
        assertTrue(v1.getSchema().equivalent(InsightsTable.SCHEMA));
        assertTableIs(
                v1, LongStream.range(0, ROWS).mapToObj(InsightsRow::generate).toList());
        assertEquals(2, parquetFiles(path).size(), "peer-bench splits an insert into at least 2 files");

        InsightsTable.Commit update = table.updateWhere(InsightsTable.STANDARD_UPDATE, UPDATED_AT);
        assertEquals(new InsightsTable.Commit(2, ROWS / 10), update);
        assertTableIs(
                TableManager.loadSnapshot(uri).build(engine),
                LongStream.range(0, ROWS)
                        .mapToObj(id ->
                                id % 10 == 0 ? InsightsRow.generate(id).updated(UPDATED_AT) : InsightsRow.generate(id))
                        .toList());
        Map<String, List<KernelReads.Change>> updateChanges = byType(KernelReads.changes(engine, uri, 2));
        assertEquals(Map.of("update_preimage", ROWS / 10, "update_postimage", ROWS / 10), counts(updateChanges));
        updateChanges
                .get("update_preimage")
                .forEach(c -> assertEquals(InsightsRow.generate(c.row().id()), c.row()));
        updateChanges
                .get("update_postimage")
                .forEach(c -> assertEquals(InsightsRow.generate(c.row().id()).updated(UPDATED_AT), c.row()));
        assertTrue(updateChanges.get("update_postimage").stream()
                .allMatch(c -> c.row().id() % 10 == 0));

        InsightsTable.Commit delete = table.delete();
        assertEquals(new InsightsTable.Commit(3, ROWS / 20), delete);
        List<InsightsRow> expected = LongStream.range(0, ROWS)
                .filter(id -> id % 20 != 1)
                .mapToObj(id -> id % 10 == 0 ? InsightsRow.generate(id).updated(UPDATED_AT) : InsightsRow.generate(id))
                .toList();
        assertTableIs(TableManager.loadSnapshot(uri).build(engine), expected);
        Map<String, List<KernelReads.Change>> deleteChanges = byType(KernelReads.changes(engine, uri, 3));
        assertEquals(Map.of("delete", ROWS / 20), counts(deleteChanges));
        deleteChanges.get("delete").forEach(c -> {
            assertEquals(1, c.row().id() % 20);
            assertEquals(InsightsRow.generate(c.row().id()), c.row());
        });
    }

    @Test
    void commitJsonLooksLikeSparks() throws Exception {
        Path path = tmp.resolve("json");
        InsightsTable table = InsightsTable.create(path, 10);
        table.updateWhere(IdFilter.in(3, 7), UPDATED_AT);
        List<JsonNode> actions = Files.readAllLines(path.resolve("_delta_log/00000000000000000002.json")).stream()
                .map(this::parse)
                .toList();
        JsonNode info = actions.get(0).get("commitInfo");
        assertEquals("UPDATE", info.get("operation").asText());
        assertEquals(
                "[\"id IN (3,7)\"]",
                info.get("operationParameters").get("predicate").asText());
        assertEquals(1, info.get("readVersion").asLong());
        assertEquals("2", info.get("operationMetrics").get("numUpdatedRows").asText());
        List<JsonNode> removes = actions.stream()
                .filter(a -> a.has("remove"))
                .map(a -> a.get("remove"))
                .toList();
        List<JsonNode> adds = actions.stream()
                .filter(a -> a.has("add"))
                .map(a -> a.get("add"))
                .toList();
        List<JsonNode> cdcs = actions.stream()
                .filter(a -> a.has("cdc"))
                .map(a -> a.get("cdc"))
                .toList();
        // ids 0-4 and 5-9 are in two files, each holds one of the updated ids
        assertEquals(2, removes.size());
        assertEquals(2, adds.size());
        assertEquals(2, cdcs.size());
        removes.forEach(r -> {
            assertTrue(r.get("dataChange").asBoolean());
            assertFalse(r.get("path").asText().contains(":"), "relative path: " + r);
            assertTrue(Files.exists(path.resolve(r.get("path").asText())), "removed files stay for time travel");
        });
        adds.forEach(a -> {
            assertTrue(a.get("dataChange").asBoolean());
            JsonNode stats = parse(a.get("stats").asText());
            assertEquals(5, stats.get("numRecords").asInt());
            assertTrue(stats.get("minValues").get("id").asLong() % 5 == 0, "statistics like Kernel's insert: " + stats);
            assertEquals(0, stats.get("nullCount").get("customer_id").asLong());
            assertEquals(
                    sizeOf(path.resolve(a.get("path").asText())), a.get("size").asLong());
        });
        cdcs.forEach(c -> {
            assertFalse(c.get("dataChange").asBoolean());
            assertTrue(c.get("path").asText().startsWith("_change_data/"));
            assertEquals(
                    sizeOf(path.resolve(c.get("path").asText())), c.get("size").asLong());
            assertTrue(c.get("partitionValues").isObject());
        });
        assertEquals(2, TableManager.loadSnapshot(path.toString()).build(engine).getVersion());
        try (var log = Files.list(path.resolve("_delta_log"))) {
            assertTrue(log.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
    }

    @Test
    void smallChangesForTheQuickstart() throws Exception {
        Path path = tmp.resolve("small");
        InsightsTable table = InsightsTable.create(path, 6);
        assertEquals(new InsightsTable.Commit(2, 2), table.updateWhere(IdFilter.in(1, 4), UPDATED_AT));
        assertEquals(new InsightsTable.Commit(3, 1), table.deleteWhere(IdFilter.in(5)));
        assertEquals(new InsightsTable.Commit(3, 0), table.deleteWhere(IdFilter.in(99)), "no match, no commit");
        // deleting every row of a file removes it without adding a replacement
        assertEquals(new InsightsTable.Commit(4, 3), table.deleteWhere(IdFilter.range(0, 3)));
        assertEquals(new InsightsTable.Commit(5, 2), table.insert(100, 2));
        InsightsTable reopened = InsightsTable.at(path);
        assertEquals(5, reopened.latestVersion());
        assertTableIs(
                TableManager.loadSnapshot(path.toString()).build(engine),
                List.of(
                        InsightsRow.generate(3), InsightsRow.generate(4).updated(UPDATED_AT),
                        InsightsRow.generate(100), InsightsRow.generate(101)));
        assertEquals(3, KernelReads.changes(engine, path.toString(), 4).size());
    }

    @Test
    void aVersionCommittedMeanwhileIsNotOverwritten() {
        Path path = tmp.resolve("race");
        InsightsTable.create(path, 4);
        DeltaCommitFile commit = new DeltaCommitFile("DELETE", "true", 0, DeltaCommitFile.metrics(), "test");
        assertThrows(RetriableBridgeException.class, () -> commit.commit(path, 1));
    }

    @Test
    void refusesTablesOfAnotherSchema() {
        Path path = tmp.resolve("other");
        io.delta.kernel.TableManager.buildCreateTableTransaction(
                        path.toString(),
                        new io.delta.kernel.types.StructType().add("x", io.delta.kernel.types.LongType.LONG),
                        "test")
                .build(engine)
                .commit(engine, io.delta.kernel.utils.CloseableIterable.emptyIterable());
        assertThrows(
                io.deltabridge.core.error.DataException.class,
                () -> InsightsTable.at(path).delete());
    }

    private void assertTableIs(Snapshot snapshot, List<InsightsRow> expected) throws Exception {
        List<InsightsRow> actual = KernelReads.scan(engine, snapshot).stream()
                .sorted(Comparator.comparingLong(InsightsRow::id))
                .toList();
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i));
        }
    }

    private static Map<String, List<KernelReads.Change>> byType(List<KernelReads.Change> changes) {
        return changes.stream().collect(Collectors.groupingBy(KernelReads.Change::changeType));
    }

    private static Map<String, Integer> counts(Map<String, List<KernelReads.Change>> byType) {
        return byType.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size()));
    }

    private static List<Path> parquetFiles(Path table) throws Exception {
        try (var files = Files.list(table)) {
            return files.filter(p -> p.toString().endsWith(".parquet")).toList();
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
