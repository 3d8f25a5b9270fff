package io.deltabridge.d2k.changefeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.StartingVersion;
import io.deltabridge.core.delta.DeltaEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table written by Delta Kernel with many append versions, a checkpoint every 3 commits,
 * versions bigger than one Parquet batch and versions of several files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelWrittenTableTest {
    /** Files per version 1..N (version 0 creates the table). */
    private static final int[][] FILES = {
        {3}, {1, 2}, {2500}, {7}, {1500, 1500}, {1}, {10, 20, 30}, {1025}, {4}, {1024, 1}, {2}, {5}
    };

    @TempDir
    static Path dir;

    private final Engine engine = DeltaEngines.create(Map.of());
    private ChangeFeed feed;
    private final List<Long> firstIdOfVersion = new ArrayList<>();

    @BeforeAll
    void writeTable() {
        String path = dir.resolve("t").toString();
        KernelTables table = KernelTables.create(engine, path, Map.of("delta.checkpointInterval", "3"));
        long id = 0;
        firstIdOfVersion.add(-1L);
        for (int[] files : FILES) {
            firstIdOfVersion.add(id);
            table.append(id, files);
            for (int size : files) {
                id += size;
            }
        }
        feed = ChangeFeed.open(engine, path);
    }

    private static int rowsOf(int version) {
        return version == 0
                ? 0
                : Stream.of(FILES[version - 1])
                        .flatMapToInt(java.util.Arrays::stream)
                        .sum();
    }

    @Test
    void readsEveryAppendAsInsertsInWriteOrder() throws Exception {
        assertEquals(FILES.length, feed.latestVersion());
        try (Stream<Path> log = Files.list(dir.resolve("t/_delta_log"))) {
            assertTrue(
                    log.anyMatch(p -> p.getFileName().toString().endsWith(".checkpoint.parquet")),
                    "checkpoints written");
        }
        assertEquals(0, feed.earliestReadableVersion());
        FeedRows.Feed read = FeedRows.read(feed, 0, feed.latestVersion(), 0);
        int i = 0;
        for (int version = 0; version <= FILES.length; version++) {
            assertEquals(
                    rowsOf(version), read.changesPerVersion().get((long) version), "changes of version " + version);
            long commitTime = Files.getLastModifiedTime(dir.resolve(String.format("t/_delta_log/%020d.json", version)))
                    .toMillis();
            for (int k = 0; k < rowsOf(version); k++, i++) {
                FeedRows.Row row = read.rows().get(i);
                long id = firstIdOfVersion.get(version) + k;
                assertEquals(version, row.version());
                assertEquals(k, row.ordinal(), "ordinal = position in the version, files in log order");
                assertEquals(ChangeType.INSERT, row.type());
                assertEquals(commitTime, row.commitTimestamp());
                assertEquals(String.valueOf(id), row.columns().get("id"));
                assertEquals("\"" + KernelTables.name(id) + "\"", row.columns().get("name"));
            }
        }
        assertEquals(i, read.rows().size());
    }

    @Test
    void startsAfterACheckpoint() {
        FeedRows.Feed read = FeedRows.read(feed, 7, 10, 0);
        assertEquals(
                List.of(7L, 8L, 9L, 10L), List.copyOf(read.changesPerVersion().keySet()));
        assertEquals(rowsOf(7) + rowsOf(8) + rowsOf(9) + rowsOf(10), read.rows().size());
        assertEquals(
                String.valueOf(firstIdOfVersion.get(7)),
                read.rows().get(0).columns().get("id"));
    }

    @Test
    void resumesInsideAVersionWithExactlyTheTail() {
        for (int version : new int[] {3, 5, 8, 10}) {
            List<FeedRows.Row> all = FeedRows.read(feed, version, version, 0).rows();
            int n = rowsOf(version);
            assertEquals(n, all.size());
            for (int skip : new int[] {0, 1, 1023, 1024, 1025, 1500, 1501, 2000, n - 1, n}) {
                if (skip > n) {
                    continue;
                }
                FeedRows.Feed tail = FeedRows.read(feed, version, version, skip);
                assertEquals(all.subList(skip, n), tail.rows(), "version " + version + " after " + skip + " changes");
                assertEquals(n, tail.changesPerVersion().get((long) version));
            }
        }
    }

    @Test
    void skipAppliesToTheFirstVersionOnly() {
        FeedRows.Feed read = FeedRows.read(feed, 5, 6, 1600);
        assertEquals(rowsOf(5) - 1600 + rowsOf(6), read.rows().size());
        assertEquals(1600, read.rows().get(0).ordinal());
        assertEquals(
                String.valueOf(firstIdOfVersion.get(5) + 1600),
                read.rows().get(0).columns().get("id"));
        assertEquals(0, read.rows().get(rowsOf(5) - 1600).ordinal());
    }

    @Test
    void resolvesStartingVersions() throws Exception {
        long latest = feed.latestVersion();
        assertEquals(0, feed.resolveStartingVersion(new StartingVersion.Earliest()));
        assertEquals(latest + 1, feed.resolveStartingVersion(new StartingVersion.Latest()));
        assertEquals(4, feed.resolveStartingVersion(new StartingVersion.AtVersion(4)));
        for (int version : new int[] {1, 6, (int) latest}) {
            Path commit = dir.resolve(String.format("t/_delta_log/%020d.json", version));
            Path before = dir.resolve(String.format("t/_delta_log/%020d.json", version - 1));
            long at = Files.getLastModifiedTime(commit).toMillis();
            long previous = Files.getLastModifiedTime(before).toMillis();
            assertEquals(
                    version, feed.resolveStartingVersion(new StartingVersion.AtTimestamp(Instant.ofEpochMilli(at))));
            if (previous < at) {
                assertEquals(
                        version,
                        feed.resolveStartingVersion(
                                new StartingVersion.AtTimestamp(Instant.ofEpochMilli(previous + 1))));
            }
        }
        assertEquals(
                latest + 1,
                feed.resolveStartingVersion(
                        new StartingVersion.AtTimestamp(Instant.now().plusSeconds(3600))));
        assertEquals(0, feed.resolveStartingVersion(new StartingVersion.AtTimestamp(Instant.EPOCH)));
    }
}
