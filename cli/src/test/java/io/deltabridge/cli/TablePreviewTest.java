package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart's preview of a table reads what any reader does: deletion vectors applied. */
class TablePreviewTest {
    @Test
    void aTableWithDeletionVectorsShowsOnlyItsLiveRows(@TempDir Path dir) {
        // Spark's table: one data file whose deletion vector hides some of its rows (tables created for upserts have
        // them)
        DeltaFixture fixture = DeltaFixtures.copy("deletion_vectors", dir);
        List<String> expected = fixture.expectedFinal().stream()
                .map(row -> row.get("id").asText())
                .sorted()
                .toList();

        List<String> ids =
                TablePreview.read(DeltaEngines.create(Map.of()), fixture.tableUri(), List.of("id"), k -> true, 100)
                        .stream()
                        .map(row -> row.get("id"))
                        .sorted()
                        .toList();

        assertEquals(expected, ids);
    }
}
