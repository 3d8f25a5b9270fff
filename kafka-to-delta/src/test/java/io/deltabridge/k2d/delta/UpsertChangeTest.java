package io.deltabridge.k2d.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.Scan;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upserts into partitioned tables, on real Delta tables: which files a batch's keys make the flush read (partition pruning
 * when the key fixes the partition, the key columns' statistics otherwise), and a row whose update moves it to another
 * partition is removed from the old one.
 */
class UpsertChangeTest {
    private static final StructType SCHEMA = new StructType()
            .add("id", LongType.LONG)
            .add("region", StringType.STRING)
            .add("name", StringType.STRING);
    private static final List<String> REGIONS = List.of("ap", "eu", "us");
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private final Engine engine = DeltaEngines.create(Map.of());
    private long offset;
    private String lastTable;

    @Test
    void aKeyHoldingThePartitionColumnReadsOnlyItsPartitions(@TempDir Path dir) {
        DeltaAppender table = regionsTable(dir);
        KeyColumns key = new KeyColumns(SCHEMA, List.of("region", "id"), "t");

        assertEquals(Set.of("region=eu"), candidates(table, key, Set.of(List.of("eu", 15L))));
        // the ids of every region: only the partition values prune (the ids' range covers every file)
        assertEquals(
                Set.of("region=ap", "region=us"),
                candidates(table, key, Set.of(List.of("ap", 1L), List.of("us", 29L))));
    }

    @Test
    void aKeyWithoutThePartitionColumnReadsTheFilesWhoseStatisticsMayHoldIt(@TempDir Path dir) {
        DeltaAppender table = regionsTable(dir);
        KeyColumns key = new KeyColumns(SCHEMA, List.of("id"), "t");

        assertEquals(Set.of("region=eu"), candidates(table, key, Set.of(List.of(15L))), "ids 10..19 are eu's");
        assertEquals(Set.of("region=ap", "region=eu"), candidates(table, key, Set.of(List.of(5L), List.of(12L))));
        assertEquals(Set.of(), candidates(table, key, Set.of(List.of(99L))));
    }

    @Test
    void anUpdateThatMovesARowToAnotherPartitionRemovesItFromTheOldOne(@TempDir Path dir) {
        DeltaAppender table = regionsTable(dir);
        KeyColumns key = new KeyColumns(SCHEMA, List.of("id"), "t");
        // id 15 moves from eu to us, id 3 is deleted from ap, id 40 is new in eu
        BatchBuilder changes = new BatchBuilder(SCHEMA);
        row(changes, 15, "us", "moved");
        row(changes, 3, null, null);
        row(changes, 40, "eu", "new");
        UpsertChange change = UpsertChange.prepare(
                table,
                key,
                new KeyIndex(1 << 20),
                changes.build(),
                new boolean[] {true, false, true},
                Set.of(List.of(15L), List.of(3L), List.of(40L)),
                3);
        table.commit(change, Map.of(P0, offset), Map.of(P0, offset + 3));

        Map<Long, String> expected = new TreeMap<>();
        for (long id = 0; id < 30; id++) {
            expected.put(id, REGIONS.get((int) id / 10) + "/n" + id);
        }
        expected.put(15L, "us/moved");
        expected.remove(3L);
        expected.put(40L, "eu/new");
        assertEquals(expected, rows(table));
    }

    /**
     * Merge-on-read: into a table with deletion vectors enabled, a flush writes the upserted rows and marks the changed
     * keys' rows deleted in the vectors of the files holding them (no file rewritten); a second flush on the same files
     * keeps the rows the first one deleted deleted (the new vector is the union), and a file left with no row goes.
     */
    @Test
    void aTableWithDeletionVectorsGetsVectorsInsteadOfRewrittenFiles(@TempDir Path dir) throws IOException {
        DeltaAppender table = regionsTable(dir, Map.of(KernelInternals.ENABLE_DELETION_VECTORS, "true"));
        assertTrue(KernelInternals.deletionVectorsEnabled(table.snapshot()), "the property enables the feature");
        KeyColumns key = new KeyColumns(SCHEMA, List.of("id"), "t");
        KeyIndex index = new KeyIndex(1 << 20);
        Map<Long, String> expected = new TreeMap<>(rows(table));

        // id 15 moves from eu to us, id 3 is deleted from ap, id 40 is new in eu
        BatchBuilder changes = new BatchBuilder(SCHEMA);
        row(changes, 15, "us", "moved");
        row(changes, 3, null, null);
        row(changes, 40, "eu", "new");
        UpsertChange first = apply(
                table,
                key,
                index,
                changes,
                new boolean[] {true, false, true},
                Set.of(List.of(15L), List.of(3L), List.of(40L)));
        expected.put(15L, "us/moved");
        expected.remove(3L);
        expected.put(40L, "eu/new");
        assertEquals(expected, rows(table));
        assertEquals(
                Map.of("region=ap", 1L, "region=eu", 1L),
                vectors(table.snapshot().getVersion()),
                "ap's and eu's files got a vector of one row each, nothing rewritten");
        assertEquals(3, first.files(), "two upserted data files (eu, us) and one deletion vector file");

        // ids 4 and 3 (deleted already) of ap again, 0..9 but 3 and 4 updated: the union of the vectors; then all of us
        changes = new BatchBuilder(SCHEMA);
        Set<List<Object>> keys = new java.util.HashSet<>();
        for (long id = 0; id < 10; id++) {
            row(changes, id, id == 3 || id == 4 ? null : "ap", "again" + id);
            keys.add(List.of(id));
        }
        boolean[] upsert = new boolean[10];
        for (int i = 0; i < 10; i++) {
            upsert[i] = i != 3 && i != 4;
        }
        apply(table, key, index, changes, upsert, keys);
        for (long id = 0; id < 10; id++) {
            expected.put(id, "ap/again" + id);
        }
        expected.remove(3L);
        expected.remove(4L);
        assertEquals(expected, rows(table));
        assertEquals(
                Map.of(),
                vectors(table.snapshot().getVersion()),
                "ap's old file has no row left: removed, not given a vector");

        BatchBuilder eu = new BatchBuilder(SCHEMA);
        row(eu, 11, null, null);
        apply(table, key, index, eu, new boolean[1], Set.of(List.of(11L)));
        expected.remove(11L);
        assertEquals(expected, rows(table));
        assertEquals(
                Map.of("region=eu", 2L),
                vectors(table.snapshot().getVersion()),
                "eu's file: its vector of id 15 and id 11");
    }

    /** A key holding the partition column: its value comes from the file's partition values, beside the row index. */
    @Test
    void aKeyWithThePartitionColumnFindsItsRowsForTheVector(@TempDir Path dir) throws IOException {
        DeltaAppender table = regionsTable(dir, Map.of(KernelInternals.ENABLE_DELETION_VECTORS, "true"));
        KeyColumns key = new KeyColumns(SCHEMA, List.of("region", "id"), "t");
        Map<Long, String> expected = new TreeMap<>(rows(table));
        BatchBuilder changes = new BatchBuilder(SCHEMA);
        row(changes, 15, "eu", "updated");
        changes.startRow(); // a delete of (ap, 3): the key columns only
        changes.column(0).appendLong(3);
        changes.column(1).appendString("ap");
        changes.commitRow();
        row(changes, 40, "us", "new");
        apply(
                table,
                key,
                new KeyIndex(1 << 20),
                changes,
                new boolean[] {true, false, true},
                Set.of(List.of("eu", 15L), List.of("ap", 3L), List.of("us", 40L)));

        expected.put(15L, "eu/updated");
        expected.remove(3L);
        expected.put(40L, "us/new");
        assertEquals(expected, rows(table));
        assertEquals(
                Map.of("region=ap", 1L, "region=eu", 1L),
                vectors(table.snapshot().getVersion()),
                "(ap, 3) and the old (eu, 15) marked deleted; us's file untouched");
    }

    /** Plans and commits the changes ({@code upsert}: which rows are upserts, the others deletes of {@code keys}). */
    private UpsertChange apply(
            DeltaAppender table,
            KeyColumns key,
            KeyIndex index,
            BatchBuilder changes,
            boolean[] upsert,
            Set<List<Object>> keys) {
        UpsertChange change = UpsertChange.prepare(table, key, index, changes.build(), upsert, keys, keys.size());
        table.commit(change, Map.of(P0, offset), Map.of(P0, offset + upsert.length));
        offset += upsert.length;
        return change;
    }

    /** Per partition directory, the cardinality of the deletion vectors the commit {@code version} added. */
    private Map<String, Long> vectors(long version) throws IOException {
        Path log = Path.of(java.net.URI.create(engine.getFileSystemClient()
                        .resolvePath(TableManager.loadSnapshot(lastTable)
                                .build(engine)
                                .getPath())))
                .resolve("_delta_log");
        ObjectMapper json = DeltaFixtures.json();
        Map<String, Long> vectors = new TreeMap<>();
        for (String line : Files.readAllLines(log.resolve(String.format("%020d.json", version)))) {
            JsonNode add = json.readTree(line).get("add");
            if (add != null && add.hasNonNull("deletionVector")) {
                JsonNode stats = json.readTree(add.get("stats").asText());
                assertFalse(stats.get("tightBounds").asBoolean(), "an add with a vector has wide bounds: " + stats);
                vectors.put(
                        add.get("path").asText().split("/")[0],
                        add.get("deletionVector").get("cardinality").asLong());
            }
        }
        return vectors;
    }

    /**
     * The key index names a file with a deletion vector by the vector too: Spark's table {@code deletion_vectors} has one
     * data file whose vector hides ids 2, 5, 7, 9 and 12 at version 4; a RESTORE-like commit brings back the file's
     * version-2 vector (hiding 2 and 7 only), and a delete of id 9 must then find it there, though the index read that
     * file's keys, without 9, before. (Names by path alone: the index answered "no" and id 9 stayed.)
     */
    @Test
    void aFileWhoseDeletionVectorChangesIsReadAgain(@TempDir Path dir) throws IOException {
        DeltaFixture fixture = DeltaFixtures.copy("deletion_vectors", dir);
        Path log = fixture.table().resolve("_delta_log");
        KeyIndex index = new KeyIndex(1 << 20);
        Set<List<Object>> id9 = Set.of(List.of(9));

        assertEquals(0, deleteKeys(fixture, index, id9).files(), "id 9 is hidden at version 4: nothing to rewrite");

        ObjectMapper json = DeltaFixtures.json();
        ObjectNode current = (ObjectNode) lineWith(json, log.resolve(String.format("%020d.json", 4)), "add");
        ObjectNode remove = current.deepCopy().retain("path", "partitionValues", "size", "deletionVector");
        remove.put("dataChange", true).put("deletionTimestamp", System.currentTimeMillis());
        JsonNode restored = lineWith(json, log.resolve(String.format("%020d.json", 2)), "add");
        Files.writeString(
                log.resolve(String.format("%020d.json", 5)),
                json.writeValueAsString(json.createObjectNode().set("remove", remove)) + "\n"
                        + json.writeValueAsString(json.createObjectNode().set("add", restored)) + "\n");

        UpsertChange change = deleteKeys(fixture, index, id9);
        assertEquals(1, change.reads().keysRead(), "the file under its restored vector is unknown to the index");
        assertEquals(
                1,
                change.files(),
                "id 9 marked deleted in a new vector of the file (the table has deletion vectors on)");
    }

    /** Plans a delete of {@code keys} (of column id) on the fixture's latest version. */
    private UpsertChange deleteKeys(DeltaFixture fixture, KeyIndex index, Set<List<Object>> keys) {
        DeltaAppender table = DeltaAppender.open(
                engine, TableManager.loadSnapshot(fixture.tableUri()).build(engine), "d.a");
        KeyColumns key = new KeyColumns(table.schema(), List.of("id"), "t");
        BatchBuilder changes = new BatchBuilder(table.schema());
        for (List<Object> k : keys) {
            changes.startRow();
            changes.column(0).appendInt((Integer) k.get(0));
            changes.commitRow();
        }
        return UpsertChange.prepare(table, key, index, changes.build(), new boolean[keys.size()], keys, keys.size());
    }

    /** The {@code action} object of the line of a commit file that has one. */
    private static JsonNode lineWith(ObjectMapper json, Path commit, String action) throws IOException {
        for (String line : Files.readAllLines(commit)) {
            JsonNode node = json.readTree(line);
            if (node.has(action)) {
                return node.get(action);
            }
        }
        throw new IllegalStateException("no " + action + " in " + commit);
    }

    /** A table partitioned by region, ids 0..9 in ap, 10..19 in eu, 20..29 in us, a commit each. */
    private DeltaAppender regionsTable(Path dir) {
        return regionsTable(dir, Map.of());
    }

    private DeltaAppender regionsTable(Path dir, Map<String, String> properties) {
        lastTable = dir.resolve("t").toString();
        DeltaAppender table = DeltaAppender.create(engine, lastTable, SCHEMA, List.of("region"), properties, "d.a");
        for (int r = 0; r < REGIONS.size(); r++) {
            BatchBuilder rows = new BatchBuilder(SCHEMA);
            for (long id = 10L * r; id < 10L * (r + 1); id++) {
                row(rows, id, REGIONS.get(r), "n" + id);
            }
            table.commit(
                    table.write(rows.build()), offset == 0 ? Map.of() : Map.of(P0, offset), Map.of(P0, offset + 10));
            offset += 10;
        }
        return table;
    }

    private static void row(BatchBuilder b, long id, String region, String name) {
        b.startRow();
        b.column(0).appendLong(id);
        if (region != null) {
            b.column(1).appendString(region);
            b.column(2).appendString(name);
        }
        b.commitRow();
    }

    /** The partition directories of the files a flush of {@code keys} would read. */
    private Set<String> candidates(DeltaAppender table, KeyColumns key, Set<List<Object>> keys) {
        Scan scan = UpsertChange.candidates(table.snapshot(), key, keys);
        Set<String> partitions = new TreeSet<>();
        TableFiles.forEachFile(
                engine,
                scan,
                file -> partitions.add("region="
                        + InternalScanFileUtils.getPartitionValues(file).get("region")));
        return partitions;
    }

    /** id → region/name of every row of the table, failing on an id twice. */
    private Map<Long, String> rows(DeltaAppender table) {
        Scan scan = table.snapshot().getScanBuilder().build();
        Row state = scan.getScanState(engine);
        List<Row> files = new ArrayList<>();
        TableFiles.forEachFile(engine, scan, files::add);
        Map<Long, String> rows = new HashMap<>();
        for (Row file : files) {
            try (CloseableIterator<FilteredColumnarBatch> batches = TableFiles.read(engine, state, file)) {
                while (batches.hasNext()) {
                    FilteredColumnarBatch b = batches.next();
                    ColumnarBatch data = b.getData();
                    for (int i = 0; i < data.getSize(); i++) {
                        int row = i;
                        if (b.getSelectionVector().map(v -> v.getBoolean(row)).orElse(true)) {
                            String was = rows.put(
                                    data.getColumnVector(0).getLong(i),
                                    data.getColumnVector(1).getString(i) + "/"
                                            + data.getColumnVector(2).getString(i));
                            assertEquals(
                                    null, was, "id " + data.getColumnVector(0).getLong(i) + " twice");
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new TreeMap<>(rows);
    }
}
