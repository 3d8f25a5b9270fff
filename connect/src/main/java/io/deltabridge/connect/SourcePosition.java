package io.deltabridge.connect;

import java.util.Map;

/**
 * Where a table's change feed resumes, as Connect stores it: the source partition names the table, the offset
 * holds the table id (a table recreated at the same path is another table), the version and the ordinal of the
 * next change row inside it, so that a version split over several transactions resumes exactly.
 */
record SourcePosition(String tableId, long version, long ordinal) {
    static final String TABLE = "table";
    static final String TABLE_ID = "table.id";
    static final String VERSION = "version";
    static final String ORDINAL = "ordinal";

    static Map<String, String> partition(String tableUri) {
        return Map.of(TABLE, tableUri);
    }

    Map<String, Object> offset() {
        return Map.of(TABLE_ID, tableId, VERSION, version, ORDINAL, ordinal);
    }

    /** The stored position, or null when the table has none yet. */
    static SourcePosition of(Map<String, Object> offset) {
        if (offset == null) {
            return null;
        }
        return new SourcePosition(
                (String) offset.get(TABLE_ID),
                ((Number) offset.get(VERSION)).longValue(),
                ((Number) offset.get(ORDINAL)).longValue());
    }
}
