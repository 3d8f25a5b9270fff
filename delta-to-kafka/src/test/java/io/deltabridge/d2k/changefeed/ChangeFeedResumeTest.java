package io.deltabridge.d2k.changefeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading a version again gives the same rows in the same order, and resuming after N changes gives exactly the rest. */
class ChangeFeedResumeTest {
    private final Engine engine = DeltaEngines.create(Map.of());

    static List<String> scenarios() {
        return DeltaFixtures.scenarios();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyResumePointGivesExactlyTheTail(String scenario, @TempDir Path dir) {
        DeltaFixture fixture = DeltaFixtures.copy(scenario, dir);
        ChangeFeed feed = ChangeFeed.open(engine, fixture.table().toString());
        long latest = feed.latestVersion();
        FeedRows.Feed whole = FeedRows.read(feed, fixture.firstVersion(), latest, 0);
        assertEquals(
                whole.rows(),
                FeedRows.read(feed, fixture.firstVersion(), latest, 0).rows(),
                "deterministic order");

        for (long version = fixture.firstVersion(); version <= latest; version++) {
            long v = version;
            List<FeedRows.Row> fromVersion =
                    whole.rows().stream().filter(r -> r.version() >= v).toList();
            long changesOfVersion =
                    fromVersion.stream().filter(r -> r.version() == v).count();
            for (int skip = 0; skip <= changesOfVersion; skip++) {
                FeedRows.Feed tail = FeedRows.read(feed, version, latest, skip);
                List<FeedRows.Row> expected = fromVersion.subList(skip, fromVersion.size());
                assertEquals(
                        expected, tail.rows(), scenario + ": from version " + version + " after " + skip + " changes");
            }
        }
    }

    @Test
    void eachRowHasTheSchemaOfItsVersion(@TempDir Path dir) {
        DeltaFixture fixture = DeltaFixtures.copy("schema_change", dir);
        ChangeFeed feed = ChangeFeed.open(engine, fixture.table().toString());
        FeedRows.Feed read = FeedRows.read(feed, 0, feed.latestVersion(), 0);
        for (long version = 0; version <= 2; version++) {
            assertFalse(read.schemas().get(version).fieldNames().contains("discount_pct"), "before ADD COLUMNS");
        }
        for (long version = 3; version <= 5; version++) {
            assertTrue(read.schemas().get(version).fieldNames().contains("discount_pct"), "from ADD COLUMNS on");
        }
        FeedRows.Row preimage = read.rows().stream()
                .filter(r -> r.type() == ChangeType.UPDATE_PREIMAGE
                        && r.columns().get("id").equals("2"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "null", preimage.columns().get("discount_pct"), "a row written before the ALTER, read at version 5");
    }

    @Test
    void partitionValuesAreReattached(@TempDir Path dir) {
        DeltaFixture fixture = DeltaFixtures.copy("partitioned_merge", dir);
        ChangeFeed feed = ChangeFeed.open(engine, fixture.table().toString());
        FeedRows.Feed read = FeedRows.read(feed, 5, 5, 0);
        assertEquals(3, read.rows().size(), "the metadata-only DELETE of a whole partition");
        read.rows().forEach(r -> {
            assertEquals(ChangeType.DELETE, r.type());
            assertEquals("\"2024-03-01\"", r.columns().get("order_date"));
        });
        assertEquals(List.of(), FeedRows.read(feed, 6, 6, 0).rows(), "OPTIMIZE publishes nothing");
    }
}
