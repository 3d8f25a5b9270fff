package io.deltabridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small Spark tables of the regressions this module found, checked in beside the test that replays them
 * without Spark ({@code delta-to-kafka/src/test/resources/spark-tables}, {@code SparkWrittenTablesIT}). Checks that
 * Spark still reads each checked-in table as its files say ({@code expected-events.jsonl}: the events of envelope row;
 * {@code expected-before.jsonl}: the update pre-images, the Debezium {@code before} of each update) and refuses where
 * they say it refuses;
 * {@code -Dinterop.regressionTables.write=true} writes them again with the statements below.
 */
@ExtendWith(SparkExtension.class)
class RegressionTablesIT {
    private static final Path DIR = Path.of(System.getProperty("interop.regressionTables"));

    /** A table written by {@code statements} (the table as {@code %s}); a mapping starts at {@code start}. */
    record Regression(String name, long start, Long restart, List<String> statements) {}

    static final List<Regression> TABLES = List.of(
            new Regression(
                    "nested_fields_added",
                    0,
                    null,
                    List.of(
                            "CREATE TABLE %s (id BIGINT, s STRUCT<a: INT>, arr ARRAY<STRUCT<x: INT>>, m MAP<STRING, STRUCT<v: INT>>)"
                                    + " USING delta TBLPROPERTIES (delta.enableChangeDataFeed = true)",
                            "INSERT INTO %s VALUES (1, named_struct('a', 1), array(named_struct('x', 1)), map('k', named_struct('v', 1)))",
                            "ALTER TABLE %s ADD COLUMNS (s.b STRING, arr.element.y STRING, m.value.w STRING)",
                            "INSERT INTO %s VALUES (2, named_struct('a', 2, 'b', 'two'), array(named_struct('x', 2, 'y', 'two')),"
                                    + " map('k', named_struct('v', 2, 'w', 'two')))",
                            "UPDATE %s SET s = named_struct('a', 10, 'b', 'ten') WHERE id = 1")),
            // pre-images in partition 2's cdc file, post-images in partition 1's: not adjacent
            new Regression(
                    "partition_moved",
                    0,
                    null,
                    List.of(
                            "CREATE TABLE %s (id BIGINT, p INT, name STRING) USING delta PARTITIONED BY (p)"
                                    + " TBLPROPERTIES (delta.enableChangeDataFeed = true)",
                            "INSERT INTO %s VALUES (1, 1, 'a'), (6, 2, 'f'), (7, 2, 'g'), (8, 2, 'h')",
                            "UPDATE %s SET p = 1, name = upper(name) WHERE id IN (7, 8)",
                            "UPDATE %s SET name = 'ff' WHERE id = 6")),
            refused(
                    "column_renamed",
                    "'delta.columnMapping.mode' = 'name'",
                    "RENAME COLUMN name TO label",
                    "UPDATE %s SET label = 'bb' WHERE id = 2"),
            refused(
                    "column_dropped",
                    "'delta.columnMapping.mode' = 'id'",
                    "DROP COLUMN name",
                    "DELETE FROM %s WHERE id = 1"),
            refused(
                    "type_widened",
                    "'delta.enableTypeWidening' = 'true'",
                    "ALTER COLUMN qty TYPE INT",
                    "UPDATE %s SET qty = 100000 WHERE id = 2"));

    /** Versions 1 (insert), 2 ({@code change}), 3 (insert), 4 ({@code then}): Spark reads 2.. but not 1.. . */
    private static Regression refused(String name, String property, String change, String then) {
        return new Regression(
                name,
                1,
                2L,
                List.of(
                        "CREATE TABLE %s (id BIGINT, name STRING, qty SMALLINT) USING delta"
                                + " TBLPROPERTIES (delta.enableChangeDataFeed = true, " + property + ")",
                        "INSERT INTO %s VALUES (1, 'a', 1), (2, 'b', 2)",
                        "ALTER TABLE %s " + change,
                        "INSERT INTO %s (id, qty) VALUES (3, 3)",
                        then));
    }

    @TempDir
    static Path tmp;

    static SparkSql spark;

    @BeforeAll
    static void start(SparkSql sparkSql) {
        spark = sparkSql;
    }

    @Test
    void sparkReadsTheCheckedInTablesAsTheirExpectedEventsSay() throws IOException {
        if (Boolean.getBoolean("interop.regressionTables.write")) {
            for (Regression t : TABLES) {
                write(t);
            }
        }
        for (Regression t : TABLES) {
            Path table = tmp.resolve("check").resolve(t.name());
            copy(DIR.resolve(t.name()).resolve("table"), table);
            long latest = spark.rows("DESCRIBE HISTORY delta.`" + table + "` LIMIT 1")
                    .get(0)
                    .get("version")
                    .asLong();
            if (t.restart() != null) {
                SparkSql.Answer refused = SparkChanges.feed(spark, table.toString(), t.start(), latest);
                assertEquals("DELTA_CHANGE_DATA_FEED_INCOMPATIBLE_DATA_SCHEMA", refused.condition(), t.name());
            }
            assertEquals(
                    Files.readAllLines(DIR.resolve(t.name()).resolve("expected-events.jsonl")),
                    events(table, t, latest),
                    t.name());
            assertEquals(
                    Files.readAllLines(DIR.resolve(t.name()).resolve("expected-before.jsonl")),
                    befores(table, t, latest),
                    t.name());
        }
    }

    private static void write(Regression t) throws IOException {
        Path table = tmp.resolve("write").resolve(t.name());
        t.statements().forEach(sql -> spark.execute(sql.replace("%s", "delta.`" + table + "`")));
        Path out = DIR.resolve(t.name());
        deleteTree(out);
        copy(table, out.resolve("table"));
        long latest = spark.rows("DESCRIBE HISTORY delta.`" + table + "` LIMIT 1")
                .get(0)
                .get("version")
                .asLong();
        Files.write(out.resolve("expected-events.jsonl"), events(table, t, latest));
        Files.write(out.resolve("expected-before.jsonl"), befores(table, t, latest));
        Files.writeString(
                out.resolve("scenario.json"), "{\"start\": " + t.start() + ", \"restart\": " + t.restart() + "}\n");
        Files.writeString(out.resolve("statements.sql"), String.join(";\n", t.statements()) + ";\n");
    }

    /** Spark's feed from where a mapping can read it as row-envelope events, one JSON line each, sorted. */
    private static List<String> events(Path table, Regression t, long latest) {
        List<String> lines = new ArrayList<>();
        for (ObjectNode row : feed(table, t, latest)) {
            String type = row.get("_change_type").asText();
            if (!type.equals("update_preimage")) {
                lines.add(event(row)
                        .set("value", type.equals("delete") ? SparkSql.JSON.nullNode() : values(row))
                        .toString());
            }
        }
        lines.sort(null);
        return lines;
    }

    /** The update pre-images of Spark's feed, {@code {"version", "type", "key", "before"}} one JSON line each, sorted. */
    private static List<String> befores(Path table, Regression t, long latest) {
        List<String> lines = new ArrayList<>();
        for (ObjectNode row : feed(table, t, latest)) {
            if (row.get("_change_type").asText().equals("update_preimage")) {
                lines.add(event(row).set("before", values(row)).toString());
            }
        }
        lines.sort(null);
        return lines;
    }

    private static List<ObjectNode> feed(Path table, Regression t, long latest) {
        long from = t.restart() == null ? t.start() : t.restart();
        return SparkChanges.feed(spark, table.toString(), from, latest).orThrow("table_changes");
    }

    /** {@code {"version", "type", "key"}} of a change row. */
    private static ObjectNode event(ObjectNode row) {
        ObjectNode event = SparkSql.JSON.createObjectNode();
        event.put("version", row.get("_commit_version").asLong())
                .put("type", row.get("_change_type").asText());
        event.putObject("key").set("id", row.get("id"));
        return event;
    }

    /** The table columns of a change row. */
    private static ObjectNode values(ObjectNode row) {
        ObjectNode values = row.deepCopy();
        values.remove(List.of("_change_type", "_commit_version", "_commit_timestamp"));
        return values;
    }

    /** Copies a table without Spark's checksum files. */
    private static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (!p.getFileName().toString().endsWith(".crc")) {
                    Files.copy(p, dest);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }
}
