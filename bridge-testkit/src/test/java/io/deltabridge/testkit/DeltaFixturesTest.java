package io.deltabridge.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaFixturesTest {
    @TempDir
    Path tmp;

    @Test
    void listsTheScenarios() {
        assertEquals(
                List.of(
                        "all_types",
                        "basic",
                        "cdf_enabled_later",
                        "deletion_vectors",
                        "log_cleaned",
                        "partitioned_merge",
                        "schema_change"),
                DeltaFixtures.scenarios());
    }

    @Test
    void copySetsEveryCommitFileTimeFromCommitsJsonl() throws Exception {
        DeltaFixture basic = DeltaFixtures.copy("basic", tmp);
        assertEquals(tmp.resolve("basic"), basic.dir());
        List<ObjectNode> commits = basic.commits();
        assertEquals(5, commits.size());
        for (ObjectNode c : commits) {
            Path file = basic.dir().resolve(c.get("file").asText());
            assertEquals(
                    c.get("modificationTime").asLong(),
                    Files.getLastModifiedTime(file).toMillis(),
                    file.toString());
        }
        assertEquals(
                1740993952430L,
                Files.getLastModifiedTime(basic.table().resolve("_delta_log/00000000000000000001.json"))
                        .toMillis());
        assertTrue(Files.exists(basic.dir().resolve("scenario.md")));
        assertTrue(
                Files.isWritable(basic.table().resolve("_delta_log/00000000000000000004.json")),
                "the copy belongs to the test");
    }

    @Test
    void copiesTablesWhoseOldCommitsWereCleanedUp() throws Exception {
        DeltaFixture cleaned = DeltaFixtures.copy("log_cleaned", tmp);
        assertFalse(Files.exists(cleaned.table().resolve("_delta_log/00000000000000000000.json")));
        assertEquals(
                cleaned.commits().get(0).get("modificationTime").asLong(),
                Files.getLastModifiedTime(cleaned.table().resolve("_delta_log/00000000000000000004.json"))
                        .toMillis());
        assertEquals(5, cleaned.firstVersion());
    }

    @Test
    void parsesExpectedRowsExactly() {
        DeltaFixture allTypes = DeltaFixtures.copy("all_types", tmp);
        ObjectNode first = allTypes.expectedFinal().get(0);
        assertTrue(first.get("c_bigint").isIntegralNumber());
        assertEquals(BigInteger.valueOf(Long.MIN_VALUE), first.get("c_bigint").bigIntegerValue());
        assertEquals(
                "-12345678901234567890.123456789012345678",
                first.get("c_decimal_38_18").textValue());
        assertEquals("-Infinity", first.get("c_double").textValue());
        assertEquals("1969-07-20T20:17:40.123456Z", first.get("c_timestamp").textValue());
        assertEquals(List.of("id"), allTypes.key());

        DeltaFixture basic = DeltaFixtures.copy("basic", tmp);
        List<ObjectNode> cdf = basic.expectedCdf();
        assertEquals(11, cdf.size());
        assertEquals("insert", cdf.get(0).get("_change_type").textValue());
        assertEquals(1740993952430L, cdf.get(0).get("_commit_timestamp").longValue());
        assertEquals(cdf.size(), basic.lines("expected-cdf.jsonl").size());
    }

    @Test
    void copyAllCopiesEveryScenarioAndTheReadme() {
        List<DeltaFixture> all = DeltaFixtures.copyAll(tmp);
        assertEquals(DeltaFixtures.scenarios().size(), all.size());
        assertTrue(Files.exists(tmp.resolve("README.md")));
        all.forEach(f -> assertTrue(Files.isDirectory(f.table().resolve("_delta_log")), f.name()));
    }

    @Test
    void unknownScenarioNamesTheKnownOnes() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DeltaFixtures.copy("nope", tmp));
        assertTrue(e.getMessage().contains("basic"), e.getMessage());
    }
}
