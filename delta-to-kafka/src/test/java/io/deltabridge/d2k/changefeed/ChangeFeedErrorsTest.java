package io.deltabridge.d2k.changefeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.ExitCode;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The errors of §6 that concern the change feed: each says problem, cause and fix. */
class ChangeFeedErrorsTest {
    private final Engine engine = DeltaEngines.create(Map.of());

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2})
    void changeDataFeedEnabledLaterSaysFromWhichVersion(long start, @TempDir Path dir) {
        DeltaFixture fixture = DeltaFixtures.copy("cdf_enabled_later", dir);
        ChangeFeed feed = ChangeFeed.open(engine, fixture.table().toString());

        ConfigException e = assertThrows(ConfigException.class, () -> feed.read(start, feed.latestVersion(), 0));
        assertEquals(ExitCode.CONFIG_ERROR, e.exitCode());
        assertTrue(e.problem().contains("version " + start), e.getMessage());
        assertTrue(e.reason().contains("enabled only from version 3"), e.getMessage());
        assertTrue(e.fix().contains("starting-version: 3"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4})
    void historyRemovedByLogCleanupSaysWhereToRestart(long start, @TempDir Path dir) {
        DeltaFixture fixture = DeltaFixtures.copy("log_cleaned", dir);
        ChangeFeed feed = ChangeFeed.open(engine, fixture.table().toString());

        DataException e = assertThrows(DataException.class, () -> feed.read(start, feed.latestVersion(), 0));
        assertEquals(ExitCode.DATA_ERROR, e.exitCode());
        assertTrue(e.problem().contains("Version " + start), e.getMessage());
        assertTrue(
                e.reason().contains("log cleanup") && e.reason().contains("earliest readable version is 5"),
                e.getMessage());
        assertTrue(
                e.fix().contains("restart the mapping from version 5")
                        && e.fix().contains("starting-version: 5"),
                e.getMessage());
    }

    @Test
    void changeDataFeedNeverEnabled(@TempDir Path dir) {
        DeltaFixture fixture = DeltaFixtures.copy("cdf_enabled_later", dir);
        ChangeFeed feed = ChangeFeed.open(engine, fixture.table().toString());
        // version 2 is before the ALTER: reading only up to it, no version of the range records changes
        ConfigException e = assertThrows(ConfigException.class, () -> feed.read(2, 2, 0));
        assertTrue(e.getMessage().contains("enabled only from version 3"), e.getMessage());
    }

    @Test
    void missingTable(@TempDir Path dir) {
        BridgeException e = assertThrows(
                ConfigException.class,
                () -> ChangeFeed.open(engine, dir.resolve("nope").toString()));
        assertTrue(e.problem().startsWith("Delta table not found at file:"), e.getMessage());
        assertTrue(e.fix() != null && e.reason() != null, e.getMessage());
    }

    @Test
    void directoryThatIsNotADeltaTable(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("data.csv"), "a,b\n");
        BridgeException e = assertThrows(ConfigException.class, () -> ChangeFeed.open(engine, dir.toString()));
        assertTrue(e.problem().endsWith("is not a Delta table"), e.getMessage());
        assertTrue(e.fix().contains("_delta_log"), e.getMessage());
    }

    @Test
    void rangeBeyondTheLatestVersion(@TempDir Path dir) {
        DeltaFixture fixture = DeltaFixtures.copy("basic", dir);
        ChangeFeed feed = ChangeFeed.open(engine, fixture.table().toString());
        ConfigException e = assertThrows(ConfigException.class, () -> feed.read(0, 9, 0));
        assertTrue(e.reason().contains("latest version is 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> feed.read(3, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> feed.read(1, 2, -1));
    }
}
