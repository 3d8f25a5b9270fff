package io.deltabridge.core.config;

import io.deltabridge.core.config.Node.Mark;
import io.deltabridge.core.error.Problem;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link ConfigSource} that remembers where every key and value of the tree starts, by key
 * path ({@code mappings[0].to.partition-by}). A configuration built from a map has no
 * positions; its locations are the key paths alone.
 */
final class MarkedSource implements ConfigSource {
    static final String MAP_SOURCE_NAME = "<map>";

    private final String name;
    private final Map<String, Mark> keyMarks = new HashMap<>();
    private final Map<String, Mark> valueMarks = new HashMap<>();

    MarkedSource(String name) {
        this.name = name;
    }

    void recordKey(String path, Mark mark) {
        if (mark != null) {
            keyMarks.putIfAbsent(path, mark);
        }
    }

    void recordValue(String path, Mark mark) {
        if (mark != null) {
            valueMarks.putIfAbsent(path, mark);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The key's position, or that of its nearest enclosing key present in the source. */
    @Override
    public String locate(String path) {
        return format(path, nearest(path.strip(), keyMarks));
    }

    /** The value's position (where a wrong value was written), else the key's. */
    String locateValue(String path) {
        Mark mark = valueMarks.get(path);
        return mark != null ? format(path, mark) : locate(path);
    }

    /** {@code problem} prefixed with the location of the key at {@code path}. */
    Problem at(String path, Problem problem) {
        return prefixed(locate(path), problem);
    }

    /** {@code problem} prefixed with the location of the value at {@code path}. */
    Problem atValue(String path, Problem problem) {
        return prefixed(locateValue(path), problem);
    }

    /** The mark used to order errors by their position in the file. */
    Mark markOf(String path) {
        Mark value = valueMarks.get(path);
        return value != null ? value : nearest(path, keyMarks);
    }

    private static Problem prefixed(String location, Problem problem) {
        return new Problem(location + ": " + problem.problem(), problem.reason(), problem.fix());
    }

    private String format(String path, Mark mark) {
        StringBuilder sb = new StringBuilder(name);
        if (mark != null) {
            sb.append(':').append(mark);
        }
        if (!path.isEmpty()) {
            sb.append(" (").append(path).append(')');
        }
        return sb.toString();
    }

    private static Mark nearest(String path, Map<String, Mark> marks) {
        for (String p = path; ; p = parent(p)) {
            Mark mark = marks.get(p);
            if (mark != null || p.isEmpty()) {
                return mark;
            }
        }
    }

    /** {@code a.b[2]} → {@code a.b} → {@code a} → {@code ""}. */
    static String parent(String path) {
        int cut = path.endsWith("]") ? path.lastIndexOf('[') : path.lastIndexOf('.');
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
