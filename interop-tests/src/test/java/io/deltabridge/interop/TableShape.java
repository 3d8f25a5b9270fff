package io.deltabridge.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * The table features one generated case uses, picked by its seed: deletion vectors, a partition column, column
 * mapping ({@code none}, {@code name}, {@code id}), checkpoints ({@code none}, {@code classic} every 3 commits,
 * {@code v2}), in-commit timestamps, row tracking, type widening, and the change feed enabled only after a few
 * commits.
 */
record TableShape(
        boolean deletionVectors,
        boolean partitioned,
        String columnMapping,
        String checkpoints,
        boolean inCommitTimestamps,
        boolean rowTracking,
        boolean typeWidening,
        boolean cdfLate) {

    static TableShape random(Random r) {
        return new TableShape(
                r.nextBoolean(),
                r.nextBoolean(),
                pick(r, "none", "name", "id"),
                pick(r, "none", "classic", "v2"),
                r.nextBoolean(),
                r.nextInt(3) == 0,
                r.nextBoolean(),
                r.nextInt(3) == 0);
    }

    boolean columnMappingOn() {
        return !columnMapping.equals("none");
    }

    /** {@code CREATE TABLE} of the initial columns with this shape's properties. */
    String create(String table, List<Column> columns) {
        StringJoiner cols = new StringJoiner(", ");
        columns.forEach(c -> cols.add(Column.quote(c.name) + " " + c.ddl()));
        return "CREATE TABLE " + table + " (" + cols + ") USING delta" + (partitioned ? " PARTITIONED BY (p)" : "")
                + " TBLPROPERTIES (" + String.join(", ", properties()) + ")";
    }

    private List<String> properties() {
        List<String> p = new ArrayList<>();
        p.add("'delta.enableChangeDataFeed' = '" + !cdfLate + "'");
        p.add("'delta.enableDeletionVectors' = '" + deletionVectors + "'");
        p.add("'delta.checkpointInterval' = '" + (checkpoints.equals("none") ? 1000 : 3) + "'");
        if (checkpoints.equals("v2")) {
            p.add("'delta.checkpointPolicy' = 'v2'");
        }
        if (columnMappingOn()) {
            p.add("'delta.columnMapping.mode' = '" + columnMapping + "'");
        }
        if (inCommitTimestamps) {
            p.add("'delta.enableInCommitTimestamps' = 'true'");
        }
        if (rowTracking) {
            p.add("'delta.enableRowTracking' = 'true'");
        }
        if (typeWidening) {
            p.add("'delta.enableTypeWidening' = 'true'");
        }
        return p;
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }
}
