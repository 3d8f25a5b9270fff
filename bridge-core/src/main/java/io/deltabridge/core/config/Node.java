package io.deltabridge.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration tree as read from YAML or from a map, before it is checked against
 * {@link ConfigOptions}: scalars are kept as the text written (after {@code ${VAR}}
 * substitution), so that each option's type decides how to read it.
 */
sealed interface Node {

    /** Where the node starts in the source, or null when the source has no positions (a map). */
    Mark mark();

    /** A 1-based line and column. */
    record Mark(int line, int column) {
        @Override
        public String toString() {
            return line + ":" + column;
        }
    }

    /** A mapping; entries keep the order of the source. */
    record MapNode(Mark mark, Map<String, Entry> entries) implements Node {
        public MapNode {
            entries = new LinkedHashMap<>(entries);
        }

        Entry get(String key) {
            return entries.get(key);
        }
    }

    /** One key of a mapping and its value. */
    record Entry(String key, Mark keyMark, Node value) {}

    record ListNode(Mark mark, List<Node> items) implements Node {
        public ListNode {
            items = List.copyOf(items);
        }
    }

    /**
     * A scalar; {@code text} is null for YAML null ({@code key:}, {@code ~}, {@code null}).
     * {@code failed} marks a value that could not be read (an unset variable): its error is
     * already reported, so it is neither checked nor reported as missing again.
     */
    record ScalarNode(Mark mark, String text, boolean failed) implements Node {
        ScalarNode(Mark mark, String text) {
            this(mark, text, false);
        }

        static ScalarNode failed(Mark mark) {
            return new ScalarNode(mark, null, true);
        }

        boolean isNull() {
            return text == null && !failed;
        }
    }

    /** A short description of a node's shape for error messages ("a list", "a mapping"). */
    static String shape(Node node) {
        if (node instanceof MapNode) {
            return "a mapping";
        }
        if (node instanceof ListNode) {
            return "a list";
        }
        return "a single value";
    }
}
