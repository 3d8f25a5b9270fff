package io.deltabridge.d2k.changefeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.DataException;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Table property and protocol changes: in-commit timestamps, the feed switched off and on, unknown reader features. */
class TableChangesTest {
    private final Engine engine = DeltaEngines.create(Map.of());

    @Test
    void inCommitTimestampsWinOverFileTimes(@TempDir Path dir) throws Exception {
        String path = dir.resolve("t").toString();
        KernelTables table = KernelTables.create(engine, path, Map.of("delta.enableInCommitTimestamps", "true"));
        long version = table.append(0, 3);
        Path commit = dir.resolve(String.format("t/_delta_log/%020d.json", version));
        long ict = -1;
        for (String line : Files.readAllLines(commit)) {
            JsonNode info = new ObjectMapper().readTree(line).path("commitInfo");
            if (info.has("inCommitTimestamp")) {
                ict = info.get("inCommitTimestamp").asLong();
            }
        }
        assertTrue(ict > 0, "Kernel wrote an in-commit timestamp");
        Files.setLastModifiedTime(commit, FileTime.fromMillis(1_000));

        FeedRows.Feed read = FeedRows.read(ChangeFeed.open(engine, path), version, version, 0);
        assertEquals(3, read.rows().size());
        for (FeedRows.Row row : read.rows()) {
            assertEquals(ict, row.commitTimestamp());
        }
        assertNotEquals(1_000, ict);
    }

    @Test
    void feedSwitchedOffAndOnAgain(@TempDir Path dir) throws Exception {
        String path = dir.resolve("t").toString();
        KernelTables table = KernelTables.create(engine, path, Map.of());
        assertEquals(1, table.append(0, 2));
        assertEquals(2, table.setProperties(Map.of("delta.enableChangeDataFeed", "false")));
        assertEquals(3, table.append(2, 2));
        assertEquals(4, table.setProperties(Map.of("delta.enableChangeDataFeed", "true")));
        assertEquals(5, table.append(4, 3));
        ChangeFeed feed = ChangeFeed.open(engine, path);

        List<ChangeBatch> before = new ArrayList<>();
        try (CloseableIterator<ChangeBatch> it = feed.read(0, 5, 0)) {
            DataException e = assertThrows(DataException.class, () -> it.forEachRemaining(before::add));
            assertTrue(e.problem().contains("cannot be read past version 1"), e.getMessage());
            assertTrue(e.reason().contains("version 2 turned delta.enableChangeDataFeed off"), e.getMessage());
            assertTrue(e.fix().contains("delta.enableChangeDataFeed = true"), e.getMessage());
        }
        assertEquals(1, before.get(before.size() - 1).version(), "versions before the switch-off are read first");
        assertTrue(before.get(before.size() - 1).endOfVersion());

        assertEquals(4, feed.earliestReadableVersion());
        ConfigException notYet = assertThrows(ConfigException.class, () -> feed.read(3, 5, 0));
        assertTrue(notYet.reason().contains("enabled only from version 4"), notYet.getMessage());
        FeedRows.Feed after = FeedRows.read(feed, 4, 5, 0);
        assertEquals(
                List.of("4", "5", "6"),
                after.rows().stream().map(r -> r.columns().get("id")).toList());
    }

    @Test
    void columnMappingReadsPhysicalColumnsUnderTheLogicalNamesOfEachVersion(@TempDir Path dir) throws Exception {
        String path = dir.resolve("t").toString();
        KernelTables table = KernelTables.create(engine, path, Map.of("delta.columnMapping.mode", "name"));
        assertEquals(1, table.appendColumnMapped(0, 3));
        assertEquals(2, table.renameColumn("name", "full_name"));
        assertEquals(3, table.appendColumnMapped(3, 2));
        try (var lines = Files.lines(dir.resolve("t/_delta_log/00000000000000000000.json"))) {
            assertTrue(
                    lines.anyMatch(l -> l.contains("delta.columnMapping.physicalName\\\":\\\"col-")),
                    "physical names differ from logical");
        }

        FeedRows.Feed read = FeedRows.read(ChangeFeed.open(engine, path), 0, 3, 0);
        assertEquals(List.of("id", "name"), read.schemas().get(1L).fieldNames());
        assertEquals(List.of("id", "full_name"), read.schemas().get(3L).fieldNames());
        assertEquals(
                List.of(
                        Map.of("id", "0", "name", "\"name-0\""),
                        Map.of("id", "1", "name", "\"name-1\""),
                        Map.of("id", "2", "name", "\"name-2\""),
                        Map.of("id", "3", "full_name", "\"name-3\""),
                        Map.of("id", "4", "full_name", "\"name-4\"")),
                read.rows().stream().map(FeedRows.Row::columns).toList());
    }

    @Test
    void pollingSeesNewVersions(@TempDir Path dir) {
        String path = dir.resolve("t").toString();
        KernelTables table = KernelTables.create(engine, path, Map.of());
        ChangeFeed feed = ChangeFeed.open(engine, path);
        String id = feed.tableId();
        assertEquals(0, feed.latestVersion());
        assertEquals(0, feed.latestVersion(), "nothing new");
        table.append(0, 2);
        table.append(2, 1);
        assertEquals(2, feed.latestVersion());
        assertEquals(2, feed.latestSnapshot().getVersion());
        assertEquals(id, feed.tableId());
        assertEquals(
                List.of("2"),
                FeedRows.read(feed, 2, 2, 0).rows().stream()
                        .map(r -> r.columns().get("id"))
                        .toList());
    }

    @Test
    void unknownReaderFeatureIsAClearError(@TempDir Path dir) throws Exception {
        DeltaFixture fixture = DeltaFixtures.copy("basic", dir);
        Files.writeString(
                fixture.table().resolve("_delta_log/00000000000000000005.json"),
                "{\"commitInfo\":{\"timestamp\":1740995300000,\"operation\":\"SET TBLPROPERTIES\"}}\n"
                        + "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,"
                        + "\"readerFeatures\":[\"deltabridgeImaginaryFeature\"],"
                        + "\"writerFeatures\":[\"deltabridgeImaginaryFeature\",\"invariants\",\"changeDataFeed\",\"appendOnly\"]}}\n");
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> ChangeFeed.open(engine, fixture.table().toString()));
        assertTrue(e.problem().contains("deltabridgeImaginaryFeature"), e.getMessage());
        assertTrue(e.fix() != null, e.getMessage());
    }
}
