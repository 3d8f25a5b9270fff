package io.deltabridge.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One copied golden scenario: {@code dir()/table} is the Delta table, the {@code expected-*.jsonl} files
 * are what Spark read from it. Rows are Jackson trees: bigint values that exceed 2^53 stay exact
 * ({@code LongNode}), strings (decimals, dates, timestamps, base64, "NaN") are kept as given.
 */
public record DeltaFixture(String name, Path dir) {

    /** The Delta table directory. */
    public Path table() {
        return dir.resolve("table");
    }

    /** {@code file:/abs/path/table} (what {@code TableUris.normalize} yields for it). */
    public String tableUri() {
        return "file:" + table().toAbsolutePath();
    }

    /** {@code expected-cdf.jsonl}: Spark's change feed from the first readable version, with _change_type, _commit_version, _commit_timestamp. */
    public List<ObjectNode> expectedCdf() {
        return objects("expected-cdf.jsonl");
    }

    /** {@code expected-final.jsonl}: the table's final rows sorted by key. */
    public List<ObjectNode> expectedFinal() {
        return objects("expected-final.jsonl");
    }

    /** {@code commits.jsonl}: version, file, modificationTime, inCommitTimestamp, commitTimestamp, operation, cdfRows. */
    public List<ObjectNode> commits() {
        return objects("commits.jsonl");
    }

    /** {@code scenario.json}: key, first_version, partition_by, schema. */
    public JsonNode scenario() {
        return parse(read("scenario.json"));
    }

    /** The key column names. */
    public List<String> key() {
        List<String> out = new ArrayList<>();
        scenario().path("key").forEach(k -> out.add(k.asText()));
        return out;
    }

    /** The first version Spark could read the change feed from. */
    public long firstVersion() {
        return scenario().path("first_version").asLong();
    }

    /** The raw lines of a {@code .jsonl} file of this scenario, for textual comparisons. */
    public List<String> lines(String fileName) {
        return read(fileName).lines().filter(l -> !l.isBlank()).toList();
    }

    /** Sets each listed commit file's modification time to its {@code modificationTime}. */
    void applyCommitTimes() {
        for (ObjectNode commit : commits()) {
            Path file = dir.resolve(commit.get("file").asText());
            if (Files.exists(file)) {
                try {
                    Files.setLastModifiedTime(
                            file,
                            FileTime.fromMillis(commit.get("modificationTime").asLong()));
                } catch (IOException e) {
                    throw new UncheckedIOException("could not set the commit time of " + file, e);
                }
            }
        }
    }

    private List<ObjectNode> objects(String fileName) {
        return lines(fileName).stream().map(l -> (ObjectNode) parse(l)).toList();
    }

    private String read(String fileName) {
        try {
            return Files.readString(dir.resolve(fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + dir.resolve(fileName), e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return DeltaFixtures.json().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("invalid JSON in a Delta fixture: " + json, e);
        }
    }
}
