package io.deltabridge.interop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A Delta table that Spark changes through a seeded random sequence of operations: INSERT, UPDATE (also of nested
 * fields), DELETE, MERGE (matched delete / update, not-matched insert), partition DELETE, INSERT OVERWRITE, OPTIMIZE
 * (+ ZORDER), REORG ... APPLY (PURGE), RESTORE, ADD COLUMNS (top level, in a struct, in an array of structs, in a
 * map's values), RENAME / DROP COLUMN (column mapping), type widening, and the change feed switched on late. It
 * tracks the columns and live ids so every statement is valid; {@link #history()} is every statement run.
 */
final class RandomTable {
    private static final boolean MOVE_PARTITIONS =
            Boolean.parseBoolean(System.getProperty("interop.movePartitions", "true"));

    private final SparkSql spark;
    private final String ref;
    private final TableShape shape;
    private final Random r;
    private final List<Column> columns = new ArrayList<>(List.of(
            Column.primitive("id", "BIGINT"),
            Column.primitive("p", "INT"),
            Column.primitive("name", "STRING"),
            Column.primitive("qty", "SMALLINT"),
            Column.primitive("amount", "DECIMAL(10,2)"),
            Column.primitive("ts", "TIMESTAMP"),
            Column.primitive("d", "DATE"),
            Column.nested("s", Column.Kind.STRUCT, Column.primitive("a", "INT"), Column.primitive("b", "STRING")),
            Column.nested("arr", Column.Kind.ARRAY_OF_STRUCT, Column.primitive("x", "INT")),
            Column.nested("m", Column.Kind.MAP_OF_STRUCT, Column.primitive("v", "INT"))));
    private final TreeSet<Long> ids = new TreeSet<>();
    private final List<String> history = new ArrayList<>();
    private long nextId = 1;
    private int names;
    private long cdfStart = -1;
    private long restoreFloor;

    RandomTable(SparkSql spark, String path, TableShape shape, Random r) {
        this.spark = spark;
        this.ref = "delta.`" + path + "`";
        this.shape = shape;
        this.r = r;
    }

    void create() {
        run(shape.create(ref, columns));
        if (!shape.cdfLate()) {
            cdfStart = 0;
        }
    }

    /** The first version the change feed can be read from, or -1 while it is off. */
    long cdfStart() {
        return cdfStart;
    }

    List<String> history() {
        return history;
    }

    long latestVersion() {
        return spark.rows("DESCRIBE HISTORY " + ref + " LIMIT 1")
                .get(0)
                .get("version")
                .asLong();
    }

    /** Runs one random operation. */
    void step() {
        step(true);
    }

    /** Runs one random operation that changes rows or files but never the schema, nor goes back (RESTORE). */
    void dataStep() {
        step(false);
    }

    private void step(boolean anyOperation) {
        if (cdfStart < 0 && history.size() >= 3) {
            run("ALTER TABLE " + ref + " SET TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true')");
            cdfStart = metadataChanged();
            return;
        }
        int dice = r.nextInt(100);
        if (ids.isEmpty() || dice < 22) {
            insert();
        } else if (dice < 36) {
            update();
        } else if (dice < 46) {
            run("DELETE FROM " + ref + " WHERE id IN (" + someIds() + ")");
        } else if (dice < 58) {
            merge();
        } else if (dice < 61) {
            run("DELETE FROM " + ref + " WHERE p = " + r.nextInt(3));
            reloadIds();
        } else if (dice < 63) {
            ids.clear();
            run("INSERT OVERWRITE " + ref + " " + columnList() + " VALUES " + newRows(2 + r.nextInt(3)));
        } else if (dice < 68) {
            run("OPTIMIZE " + ref + (r.nextBoolean() ? " ZORDER BY (id)" : ""));
        } else if (dice < 71) {
            run("REORG TABLE " + ref + " APPLY (PURGE)");
        } else if (!anyOperation) {
            insert();
        } else if (dice < 74) {
            restore();
        } else if (dice < 82) {
            addColumn();
        } else if (dice < 88 && shape.columnMappingOn()) {
            rename();
        } else if (dice < 93 && shape.columnMappingOn()) {
            drop();
        } else if (dice < 97 && shape.typeWidening()) {
            widen();
        } else {
            insert();
        }
    }

    void insert() {
        run("INSERT INTO " + ref + " " + columnList() + " VALUES " + newRows(1 + r.nextInt(4)));
    }

    private void update() {
        StringJoiner set = new StringJoiner(", ");
        List<Column> targets =
                new ArrayList<>(columns.stream().filter(this::updatable).toList());
        Collections.shuffle(targets, r);
        for (Column c : targets.subList(0, 1 + r.nextInt(2))) { // distinct columns: Delta refuses two SETs of one
            Column nested = c.kind == Column.Kind.STRUCT && r.nextBoolean() ? pick(c.fields, f -> true) : null;
            set.add(
                    nested == null
                            ? Column.quote(c.name) + " = " + literal(c)
                            : Column.quote(c.name) + "." + Column.quote(nested.name) + " = " + nested.literal(r));
        }
        String where = r.nextInt(4) == 0 ? "id % 4 = " + r.nextInt(4) : "id IN (" + someIds() + ")";
        run("UPDATE " + ref + " SET " + set + " WHERE " + where);
    }

    private void merge() {
        List<Long> matched = new ArrayList<>();
        StringJoiner rows = new StringJoiner(", ");
        for (String id : someIds().split(", ")) {
            matched.add(Long.parseLong(id));
            rows.add(row(Long.parseLong(id)));
        }
        rows.add(newRows(1 + r.nextInt(2)));
        StringJoiner names = new StringJoiner(", ");
        columns.forEach(c -> names.add(Column.quote(c.name)));
        Column updated = pick(columns, this::updatable);
        run("MERGE INTO " + ref + " t USING (SELECT * FROM VALUES " + rows + " AS s(" + names + ")) s ON t.id = s.id"
                + " WHEN MATCHED AND s.id % 3 = 0 THEN DELETE"
                + " WHEN MATCHED THEN UPDATE SET t." + Column.quote(updated.name) + " = s." + Column.quote(updated.name)
                + " WHEN NOT MATCHED THEN INSERT *");
        matched.stream().filter(id -> id % 3 == 0).forEach(ids::remove);
    }

    /**
     * A column UPDATE / MERGE may set: not the key; the partition column too unless {@code -Dinterop.movePartitions=false}
     * (an update that moves a row to another partition writes its pre-image and post-image into different cdc files).
     */
    private boolean updatable(Column c) {
        return !c.name.equals("id") && (MOVE_PARTITIONS || !c.name.equals("p"));
    }

    private void restore() {
        long latest = latestVersion();
        if (latest - 1 < restoreFloor) {
            insert();
            return;
        }
        run("RESTORE TABLE " + ref + " TO VERSION AS OF " + (restoreFloor + r.nextLong(latest - restoreFloor)));
        reloadIds();
    }

    private void addColumn() {
        String name = "c" + (++names);
        List<Column> nestedOnes =
                columns.stream().filter(c -> c.kind != Column.Kind.PRIMITIVE).toList();
        if (nestedOnes.isEmpty() || r.nextInt(3) == 0) {
            Column c = r.nextBoolean()
                    ? Column.primitive(name, r.nextBoolean() ? "INT" : "STRING")
                    : Column.nested(name, Column.Kind.STRUCT, Column.primitive("f", "DOUBLE"));
            run("ALTER TABLE " + ref + " ADD COLUMNS (" + Column.quote(name) + " " + c.ddl() + ")");
            columns.add(c);
        } else {
            Column parent = nestedOnes.get(r.nextInt(nestedOnes.size()));
            Column c = Column.primitive(name, r.nextBoolean() ? "BIGINT" : "STRING");
            run("ALTER TABLE " + ref + " ADD COLUMNS (" + path(parent) + "." + Column.quote(name) + " " + c.sqlType
                    + ")");
            parent.fields.add(c);
        }
        metadataChanged();
    }

    private void rename() {
        Column c = pick(columns, col -> !col.name.equals("id") && !col.name.equals("p"));
        String name = "r" + (++names);
        if (c.kind == Column.Kind.STRUCT && r.nextBoolean()) {
            Column field = pick(c.fields, f -> true);
            run("ALTER TABLE " + ref + " RENAME COLUMN " + Column.quote(c.name) + "." + Column.quote(field.name)
                    + " TO " + Column.quote(name));
            field.name = name;
        } else {
            run("ALTER TABLE " + ref + " RENAME COLUMN " + Column.quote(c.name) + " TO " + Column.quote(name));
            c.name = name;
        }
        metadataChanged();
    }

    private void drop() {
        if (columns.size() <= 4) {
            insert();
            return;
        }
        Column c = pick(columns, col -> !col.name.equals("id") && !col.name.equals("p"));
        if (c.kind != Column.Kind.PRIMITIVE && c.fields.size() > 1 && r.nextBoolean()) {
            Column field = pick(c.fields, f -> true);
            run("ALTER TABLE " + ref + " DROP COLUMN " + path(c) + "." + Column.quote(field.name));
            c.fields.remove(field);
        } else {
            run("ALTER TABLE " + ref + " DROP COLUMN " + Column.quote(c.name));
            columns.remove(c);
        }
        metadataChanged();
    }

    private void widen() {
        Map<String, Column> candidates = new LinkedHashMap<>(); // path → a column that can be widened
        for (Column c : columns) {
            if (c.kind == Column.Kind.PRIMITIVE && !c.name.equals("p")) {
                candidates.put(Column.quote(c.name), c);
            } else if (c.kind == Column.Kind.STRUCT) {
                c.fields.forEach(f -> candidates.put(Column.quote(c.name) + "." + Column.quote(f.name), f));
            }
        }
        candidates.values().removeIf(c -> wider(c) == null);
        if (candidates.isEmpty()) {
            insert();
            return;
        }
        String path = new ArrayList<>(candidates.keySet()).get(r.nextInt(candidates.size()));
        Column c = candidates.get(path);
        run("ALTER TABLE " + ref + " ALTER COLUMN " + path + " TYPE " + wider(c));
        c.sqlType = wider(c);
        metadataChanged();
    }

    /** The next wider type Delta's type widening allows, or null. */
    private static String wider(Column c) {
        return c.kind != Column.Kind.PRIMITIVE
                ? null
                : switch (c.sqlType) {
                    case "SMALLINT" -> "INT";
                    case "INT" -> "BIGINT";
                    case "DECIMAL(10,2)" -> "DECIMAL(14,2)";
                    default -> null;
                };
    }

    private long metadataChanged() {
        restoreFloor = latestVersion();
        return restoreFloor;
    }

    private void reloadIds() {
        ids.clear();
        for (ObjectNode row : spark.rows("SELECT id FROM " + ref)) {
            if (!row.get("id").isNull()) {
                ids.add(row.get("id").asLong());
            }
        }
    }

    private String columnList() {
        StringJoiner names = new StringJoiner(", ", "(", ")");
        columns.forEach(c -> names.add(Column.quote(c.name)));
        return names.toString();
    }

    private String newRows(int n) {
        StringJoiner rows = new StringJoiner(", ");
        for (int i = 0; i < n; i++) {
            ids.add(nextId);
            rows.add(row(nextId++));
        }
        return rows.toString();
    }

    private String row(long id) {
        StringJoiner values = new StringJoiner(", ", "(", ")");
        columns.forEach(c -> values.add(c.name.equals("id") ? String.valueOf(id) : literal(c)));
        return values.toString();
    }

    private String literal(Column c) {
        return c.name.equals("p") ? String.valueOf(r.nextInt(3)) : c.literal(r);
    }

    /** One to three distinct live ids, comma-separated. */
    private String someIds() {
        List<Long> live = new ArrayList<>(ids);
        Collections.shuffle(live, r);
        StringJoiner out = new StringJoiner(", ");
        live.subList(0, Math.min(live.size(), 1 + r.nextInt(3))).forEach(id -> out.add(String.valueOf(id)));
        return out.toString();
    }

    private static String path(Column c) {
        return Column.quote(c.name)
                + switch (c.kind) {
                    case ARRAY_OF_STRUCT -> ".element";
                    case MAP_OF_STRUCT -> ".value";
                    default -> "";
                };
    }

    private <T> T pick(List<T> from, Predicate<T> allowed) {
        List<T> options = from.stream().filter(allowed).toList();
        return options.get(r.nextInt(options.size()));
    }

    private void run(String sql) {
        history.add(sql);
        spark.execute(sql);
    }
}
