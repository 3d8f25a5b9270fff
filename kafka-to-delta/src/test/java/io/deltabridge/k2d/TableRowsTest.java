package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.deltabridge.core.delta.DeltaEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tests' way to poll a table a pipeline is creating: between the pipeline making {@code _delta_log} and writing
 * its first commit, the table has no rows yet. Checking the directory alone let Kernel throw
 * {@code TableNotFoundException} there, which failed {@code BrokerOutageIT} on a busy machine.
 */
class TableRowsTest {
    @Test
    void aTableWhoseFirstCommitIsNotWrittenYetHasNoRows(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("t/_delta_log"));

        assertEquals(List.of(), TableRows.readOrNone(DeltaEngines.create(Map.of()), dir.resolve("t")));
    }
}
