package io.deltabridge.d2k.changefeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.DataType;
import io.deltabridge.core.config.StartingVersion;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The change feed of every golden Spark table equals what Spark's readChangeFeed returned. */
class ChangeFeedFixturesTest {
    private static final List<String> META = List.of("_change_type", "_commit_version", "_commit_timestamp");
    private final Engine engine = DeltaEngines.create(Map.of());

    static List<String> scenarios() {
        return DeltaFixtures.scenarios();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void readsTheSameChangesAsSpark(String scenario, @TempDir Path dir) {
        DeltaFixture fixture = DeltaFixtures.copy(scenario, dir);
        ChangeFeed feed = ChangeFeed.open(engine, fixture.table().toString());

        assertEquals(fixture.firstVersion(), feed.earliestReadableVersion(), "first readable version");
        assertEquals(fixture.firstVersion(), feed.resolveStartingVersion(new StartingVersion.Earliest()));
        long latest = feed.latestVersion();
        FeedRows.Feed read = FeedRows.read(feed, fixture.firstVersion(), latest, 0);

        Map<String, DataType> types = read.columnTypes();
        List<ObjectNode> expectedCdf = fixture.expectedCdf();
        assertFalse(expectedCdf.isEmpty());
        List<String> columns = new ArrayList<>();
        expectedCdf.get(0).fieldNames().forEachRemaining(n -> {
            if (!META.contains(n)) {
                columns.add(n);
            }
        });
        assertEquals(columns, List.copyOf(types.keySet()), "the columns of the latest schema");

        Map<Long, List<String>> expected = new TreeMap<>();
        for (ObjectNode row : expectedCdf) {
            StringBuilder sb = new StringBuilder("{");
            for (String c : columns) {
                sb.append(CanonicalValues.quote(c))
                        .append(':')
                        .append(CanonicalValues.of(row.get(c), types.get(c)))
                        .append(',');
            }
            sb.append("\"_change_type\":")
                    .append(row.get("_change_type"))
                    .append(",\"_commit_version\":")
                    .append(row.get("_commit_version").asLong())
                    .append(",\"_commit_timestamp\":")
                    .append(row.get("_commit_timestamp").asLong())
                    .append('}');
            expected.computeIfAbsent(row.get("_commit_version").asLong(), v -> new ArrayList<>())
                    .add(sb.toString());
        }
        Map<Long, List<String>> actual = new TreeMap<>(read.rows().stream()
                .collect(Collectors.groupingBy(
                        FeedRows.Row::version, Collectors.mapping(r -> r.canonical(columns), Collectors.toList()))));
        expected.values().forEach(l -> l.sort(null));
        actual.values().forEach(l -> l.sort(null));
        assertEquals(expected, actual, "change rows per version (" + scenario + ")");

        for (ObjectNode commit : fixture.commits()) {
            long version = commit.get("version").asLong();
            if (version >= fixture.firstVersion()) {
                assertEquals(
                        commit.get("cdfRows").asLong(),
                        read.changesPerVersion().get(version),
                        "change rows counted by the end batch of version " + version);
            }
        }
    }
}
