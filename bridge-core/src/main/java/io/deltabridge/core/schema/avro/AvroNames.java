package io.deltabridge.core.schema.avro;

import java.util.HashSet;
import java.util.Set;

/**
 * Avro names derived deterministically from table and column names. Avro names match
 * {@code [A-Za-z_][A-Za-z0-9_]*}; every other character becomes {@code _}, a leading digit gets a
 * {@code _} prefix, and names that collide after that get {@code _2}, {@code _3}... in order of appearance.
 */
public final class AvroNames {
    /** Namespace prefix of every record the bridge derives from a table. */
    public static final String NAMESPACE_ROOT = "deltabridge";

    private final Set<String> taken = new HashSet<>();

    /** Hands out unique names within one schema ({@link AvroSchemas} makes one per conversion). */
    AvroNames() {}

    /** The namespace for a table's records: {@code deltabridge.<table name>}. */
    public static String namespaceFor(String tableUri) {
        return NAMESPACE_ROOT + "." + sanitize(tableName(tableUri));
    }

    /** The value record's name for a table: its last path segment, sanitised (e.g. {@code churn_scores}). */
    public static String recordNameFor(String tableUri) {
        return sanitize(tableName(tableUri));
    }

    /** The last path segment of a table path or URI. */
    static String tableName(String tableUri) {
        String path = tableUri;
        while (path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        }
        int slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1) : path;
    }

    /** {@code name} made a valid Avro name (not necessarily unique). */
    public static String sanitize(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
            sb.append(valid ? c : '_');
        }
        if (sb.length() == 0 || Character.isDigit(sb.charAt(0))) {
            sb.insert(0, '_');
        }
        return sb.toString();
    }

    /** A valid Avro name for {@code name} that this instance has not handed out before. */
    String unique(String name) {
        String base = sanitize(name);
        String candidate = base;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = base + "_" + n;
        }
        return candidate;
    }
}
