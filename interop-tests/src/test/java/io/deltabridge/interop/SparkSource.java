package io.deltabridge.interop;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.LongPredicate;

/**
 * A change-feed table Spark writes through a seeded random sequence of INSERT, UPDATE, DELETE and MERGE (matched
 * update / delete, not-matched insert) on keys {@code id} 0..39. The random updates never change a key and inserts only
 * take keys that are not live, so {@code id} stays a key, as an upsert mirror needs; {@link #renumber} changes keys.
 */
final class SparkSource {
    /** The columns, in the DDL both deltabridge and Spark take: scalars, an array and a struct. */
    static final String DDL = "id BIGINT NOT NULL, name STRING, amount DECIMAL(10,2), day DATE, tags ARRAY<STRING>,"
            + " info STRUCT<n: INT, note: STRING>, region STRING";

    private static final int KEYS = 40;
    private static final String[] REGIONS = {"eu", "us", "ap"};
    private static final String[] WORDS = {"", "plain", "ünïcødé ☃", "emoji 🚀", "tab\there"};

    final String table;
    private final SparkSql spark;
    private final Random random;
    private final TreeSet<Long> live = new TreeSet<>();
    /** Live keys that {@link #renumber} moved above the random statements' range. */
    private final TreeSet<Long> renumbered = new TreeSet<>();

    private final List<String> statements = new ArrayList<>();

    SparkSource(SparkSql spark, String table, Random random) {
        this.spark = spark;
        this.table = table;
        this.random = random;
    }

    void create(boolean partitioned) {
        spark.execute(
                "CREATE TABLE " + table + " (" + DDL + ") USING delta" + (partitioned ? " PARTITIONED BY (region)" : "")
                        + " TBLPROPERTIES (delta.enableChangeDataFeed = true)");
    }

    /** Runs {@code count} random statements, the first an INSERT. */
    void run(int count) {
        for (int i = 0; i < count; i++) {
            String sql = live.isEmpty()
                    ? insert()
                    : switch (random.nextInt(4)) {
                        case 0 -> insert();
                        case 1 -> update();
                        case 2 -> delete();
                        default -> merge();
                    };
            if (sql != null) {
                execute(sql);
            }
        }
        if (live.isEmpty() && renumbered.isEmpty()) {
            execute(insert()); // a source emptied by the random deletes would make the mirror comparison vacuous
        }
    }

    /**
     * An UPDATE that changes the key of a few live rows to keys above the random statements' range ({@code id + 40}),
     * and one that moves such rows back where their old key is free.
     */
    void renumber() {
        // a key whose moved-to key is taken (moved there before, and its old key inserted again) stays: the table's ids
        // must stay unique for the mirror to be defined
        List<Long> moved = pick(true, 1 + random.nextInt(3)).stream()
                .filter(id -> !renumbered.contains(id + KEYS))
                .toList();
        List<Long> back = new ArrayList<>(
                renumbered.stream().filter(id -> !live.contains(id - KEYS)).toList());
        if (!moved.isEmpty()) {
            execute("UPDATE " + table + " SET id = id + " + KEYS + ", name = 'moved' WHERE id IN (" + ids(moved) + ")");
            live.removeAll(moved);
            moved.forEach(id -> renumbered.add(id + KEYS));
        }
        if (!back.isEmpty()) {
            execute("UPDATE " + table + " SET id = id - " + KEYS + ", name = 'back' WHERE id IN (" + ids(back) + ")");
            renumbered.removeAll(back);
            back.forEach(id -> live.add(id - KEYS));
        }
    }

    private void execute(String sql) {
        spark.execute(sql);
        statements.add(sql.substring(0, sql.indexOf(' ')));
    }

    private static String ids(List<Long> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).toList());
    }

    /** The kinds of statement run so far, in order. */
    List<String> statements() {
        return List.copyOf(statements);
    }

    /** Drops the live keys a statement run outside this class deleted. */
    void forgetDeleted(LongPredicate deleted) {
        live.removeIf(deleted::test);
    }

    private String insert() {
        List<String> rows = new ArrayList<>();
        for (long id : pick(false, 1 + random.nextInt(6))) {
            rows.add(row(id));
            live.add(id);
        }
        return rows.isEmpty() ? null : "INSERT INTO " + table + " VALUES " + String.join(", ", rows);
    }

    private String update() {
        int m = 2 + random.nextInt(4);
        return "UPDATE " + table + " SET name = " + text() + ", amount = amount + " + random.nextInt(100)
                + ".25, tags = " + tags() + ", info = " + info() + ", region = " + region() + " WHERE id % " + m + " = "
                + random.nextInt(m);
    }

    private String delete() {
        List<Long> ids = pick(true, 1 + random.nextInt(4));
        live.removeAll(ids);
        return "DELETE FROM " + table + " WHERE id IN (" + ids(ids) + ")";
    }

    private String merge() {
        List<String> source = new ArrayList<>();
        List<Long> matched = pick(true, 1 + random.nextInt(3));
        List<Long> notMatched = pick(false, 1 + random.nextInt(3)); // picked before the live keys change
        for (long id : matched) {
            boolean delete = random.nextBoolean();
            source.add("(" + id + "L, " + text() + ", " + delete + ")");
            if (delete) {
                live.remove(id);
            }
        }
        for (long id : notMatched) {
            boolean delete = random.nextInt(4) == 0; // not matched: a delete does nothing
            source.add("(" + id + "L, " + text() + ", " + delete + ")");
            if (!delete) {
                live.add(id);
            }
        }
        return "MERGE INTO " + table + " t USING (SELECT * FROM VALUES " + String.join(", ", source)
                + " AS s(id, name, del)) s"
                + " ON t.id = s.id WHEN MATCHED AND s.del THEN DELETE"
                + " WHEN MATCHED THEN UPDATE SET t.name = s.name, t.info = named_struct('n', 1, 'note', s.name)"
                + " WHEN NOT MATCHED AND NOT s.del THEN INSERT (id, name, amount, day, tags, info, region)"
                + " VALUES (s.id, s.name, 1.50, DATE'2024-02-29', array(s.name), named_struct('n', 2, 'note', s.name), "
                + region() + ")";
    }

    /** Up to {@code n} distinct keys that are live (or not). */
    private List<Long> pick(boolean fromLive, int n) {
        List<Long> candidates = new ArrayList<>();
        for (long id = 0; id < KEYS; id++) {
            if (live.contains(id) == fromLive) {
                candidates.add(id);
            }
        }
        Collections.shuffle(candidates, random);
        return candidates.subList(0, Math.min(n, candidates.size()));
    }

    private String row(long id) {
        String amount = random.nextInt(5) == 0
                ? "null"
                : (random.nextInt(2_000_000) - 1_000_000) + "." + random.nextInt(10) + random.nextInt(10);
        String day =
                random.nextInt(5) == 0 ? "null" : "DATE'" + LocalDate.ofEpochDay(random.nextInt(40_000) - 10_000) + "'";
        return "(" + id + ", " + text() + ", " + amount + ", " + day + ", " + tags() + ", " + info() + ", " + region()
                + ")";
    }

    private String text() {
        return random.nextInt(6) == 0 ? "null" : "'" + WORDS[random.nextInt(WORDS.length)] + random.nextInt(1000) + "'";
    }

    private String tags() {
        return switch (random.nextInt(4)) {
            case 0 -> "null";
            case 1 -> "CAST(array() AS ARRAY<STRING>)";
            case 2 -> "CAST(array(" + text() + ", null) AS ARRAY<STRING>)";
            default -> "CAST(array(" + text() + ", " + text() + ") AS ARRAY<STRING>)";
        };
    }

    private String info() {
        return random.nextInt(5) == 0
                ? "null"
                : "CAST(named_struct('n', " + (random.nextBoolean() ? "null" : random.nextInt()) + ", 'note', " + text()
                        + ") AS STRUCT<n: INT, note: STRING>)";
    }

    private String region() {
        return "'" + REGIONS[random.nextInt(REGIONS.length)] + "'";
    }
}
