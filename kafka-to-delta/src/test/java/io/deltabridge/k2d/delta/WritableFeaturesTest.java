package io.deltabridge.k2d.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.error.ConfigException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tables the bridge cannot append to are refused when opened, before anything is written (regressions found by
 * the interop tests with Spark: a column-mapping table failed on its first batch as a transient storage error, a
 * CHECK constraint table with Kernel's raw exception). The logs are the version 0 of such tables in the legacy
 * protocol (writer 3 for constraints, reader 2 / writer 5 for column mapping), as older Spark writes them; the
 * table-features forms are covered by the interop tests.
 */
class WritableFeaturesTest {
    private final Engine engine = DeltaEngines.create(Map.of());

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "check-constraint-v3 | uses table features deltabridge cannot write: [checkConstraints]",
                "column-mapping-name | uses column mapping (mode 'name'), which deltabridge cannot write"
            })
    void anUnwritableTableIsRefusedWhenOpened(String fixture, String problem, @TempDir Path dir) throws Exception {
        Path table = copy(fixture, dir);
        List<Path> before = files(table);
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> DeltaAppender.open(
                        engine, DeltaAppender.latest(engine, table.toString()).orElseThrow(), "d"));
        assertTrue(
                e.getMessage().contains(problem)
                        && e.getMessage().contains("Fix: ")
                        && e.getMessage().contains("nothing was written"),
                e.getMessage());
        assertEquals(before, files(table));
    }

    private static Path copy(String fixture, Path dir) throws IOException, URISyntaxException {
        Path source = Path.of(
                WritableFeaturesTest.class.getResource("/unwritable/" + fixture).toURI());
        Path target = dir.resolve(fixture);
        try (Stream<Path> all = Files.walk(source)) {
            for (Path p : all.toList()) {
                Files.copy(p, target.resolve(source.relativize(p).toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    private static List<Path> files(Path table) throws IOException {
        try (Stream<Path> all = Files.walk(table)) {
            return all.sorted().toList();
        }
    }
}
