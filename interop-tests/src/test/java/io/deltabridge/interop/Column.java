package io.deltabridge.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * A column (or nested field) of a generated table, as the generator tracks it: a primitive SQL type, a struct,
 * an array of structs or a map from strings to structs. Mutable: RENAME, type widening and ADD COLUMNS change it
 * as Spark changes the table.
 */
final class Column {
    private static final java.time.format.DateTimeFormatter TIMESTAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'Z'");

    enum Kind {
        PRIMITIVE,
        STRUCT,
        ARRAY_OF_STRUCT,
        MAP_OF_STRUCT
    }

    String name;
    String sqlType; // PRIMITIVE only
    final Kind kind;
    final List<Column> fields = new ArrayList<>(); // the struct's fields (of the element / value for arrays and maps)

    private Column(String name, Kind kind, String sqlType) {
        this.name = name;
        this.kind = kind;
        this.sqlType = sqlType;
    }

    static Column primitive(String name, String sqlType) {
        return new Column(name, Kind.PRIMITIVE, sqlType);
    }

    static Column nested(String name, Kind kind, Column... fields) {
        Column c = new Column(name, kind, null);
        c.fields.addAll(List.of(fields));
        return c;
    }

    /** The DDL type, e.g. {@code ARRAY<STRUCT<`x`: INT>>}. */
    String ddl() {
        if (kind == Kind.PRIMITIVE) {
            return sqlType;
        }
        StringJoiner struct = new StringJoiner(", ", "STRUCT<", ">");
        fields.forEach(f -> struct.add(quote(f.name) + ": " + f.ddl()));
        return switch (kind) {
            case STRUCT -> struct.toString();
            case ARRAY_OF_STRUCT -> "ARRAY<" + struct + ">";
            case MAP_OF_STRUCT -> "MAP<STRING, " + struct + ">";
            case PRIMITIVE -> throw new AssertionError();
        };
    }

    /** A random SQL literal of this type (sometimes NULL). */
    String literal(Random r) {
        if (r.nextInt(10) == 0) {
            return "NULL";
        }
        return switch (kind) {
            case PRIMITIVE -> primitiveLiteral(r);
            case STRUCT -> struct(r);
            case ARRAY_OF_STRUCT ->
                r.nextInt(4) == 0 ? "array(" + struct(r) + ")" : "array(" + struct(r) + ", " + struct(r) + ")";
            case MAP_OF_STRUCT ->
                "map('k" + r.nextInt(3) + "', " + struct(r) + ", 'z" + r.nextInt(3) + "', " + struct(r) + ")";
        };
    }

    private String struct(Random r) {
        StringJoiner s = new StringJoiner(", ", "named_struct(", ")");
        fields.forEach(f -> s.add("'" + f.name + "'").add(f.literal(r)));
        return s.toString();
    }

    private String primitiveLiteral(Random r) {
        String t = sqlType.toUpperCase();
        if (t.startsWith("DECIMAL")) {
            return "CAST('" + (r.nextInt(2_000_000) - 1_000_000) / 100.0 + "' AS " + sqlType + ")";
        }
        return switch (t) {
            case "STRING" -> "'" + (r.nextInt(8) == 0 ? "Zürich \"q\" " : "w") + r.nextInt(1000) + "'";
            case "BOOLEAN" -> String.valueOf(r.nextBoolean());
            case "DOUBLE" -> "CAST(" + r.nextInt(100_000) / 64.0 + " AS DOUBLE)";
            case "DATE" -> "DATE'" + java.time.LocalDate.ofEpochDay(18_000 + r.nextInt(3000)) + "'";
            case "TIMESTAMP" ->
                "TIMESTAMP'"
                        + TIMESTAMP.format(java.time.LocalDateTime.ofEpochSecond(
                                1_600_000_000L + r.nextInt(100_000_000),
                                r.nextInt(1_000_000) * 1000,
                                java.time.ZoneOffset.UTC))
                        + "'";
            default -> "CAST(" + (r.nextInt(200) - 100) + " AS " + sqlType + ")"; // the integer types
        };
    }

    static String quote(String name) {
        return "`" + name + "`";
    }
}
