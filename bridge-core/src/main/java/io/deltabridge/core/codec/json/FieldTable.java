package io.deltabridge.core.codec.json;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Finds a field's ordinal by its JSON name: exact match first, then case-insensitive (Delta column
 * names are case-insensitive). Built once per struct type.
 */
final class FieldTable {
    private final Map<String, Integer> exact = new HashMap<>();
    private final Map<String, Integer> folded = new HashMap<>();

    void put(String name, int ordinal) {
        exact.put(name, ordinal);
        folded.putIfAbsent(name.toLowerCase(Locale.ROOT), ordinal);
    }

    /** The ordinal, or -1 when there is no such field. */
    int find(String name) {
        Integer i = exact.get(name);
        if (i == null) {
            i = folded.get(name.toLowerCase(Locale.ROOT));
        }
        return i == null ? -1 : i;
    }
}
