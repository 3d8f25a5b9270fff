package io.deltabridge.core.codec.json;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Finds a field's ordinal by its JSON name: exact match first, then case-insensitive (Delta column
 * names are case-insensitive). Built once per struct type.
 *
 * <p>Records of one topic mostly list their fields in the same order, and Jackson hands out one canonical
 * {@code String} per field name, so the name found at each position of the previous object is remembered and
 * recognized by identity before any hashing.
 */
final class FieldTable {
    private final Map<String, Integer> exact = new HashMap<>();
    private final Map<String, Integer> folded = new HashMap<>();
    private String[] lastNames = new String[0];
    private int[] lastOrdinals = new int[0];

    void put(String name, int ordinal) {
        exact.put(name, ordinal);
        folded.putIfAbsent(name.toLowerCase(Locale.ROOT), ordinal);
        lastNames = new String[exact.size()];
        lastOrdinals = new int[exact.size()];
    }

    /** The ordinal of the field named {@code name}, the {@code position}-th of its object, or -1 if there is none. */
    int find(String name, int position) {
        if (position >= lastNames.length) {
            return find(name);
        }
        if (lastNames[position] != name) {
            lastOrdinals[position] = find(name);
            lastNames[position] = name;
        }
        return lastOrdinals[position];
    }

    private int find(String name) {
        Integer i = exact.get(name);
        if (i == null) {
            i = folded.get(name.toLowerCase(Locale.ROOT));
        }
        return i == null ? -1 : i;
    }
}
