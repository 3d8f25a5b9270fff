package io.deltabridge.core.config;

import io.deltabridge.core.config.Node.Mark;
import io.deltabridge.core.error.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the errors of one configuration so that the user sees all of them at once. */
final class Problems {
    private record Located(Mark mark, Problem problem) {}

    private final MarkedSource source;
    private final List<Located> found = new ArrayList<>();

    Problems(MarkedSource source) {
        this.source = source;
    }

    MarkedSource source() {
        return source;
    }

    /** An error about the key at {@code path} (unknown, missing a child, not applicable). */
    void atKey(String path, Problem problem) {
        add(new Located(source.markOf(path), source.at(path, problem)));
    }

    /** An error about the value at {@code path} (wrong type, bad value). */
    void atValue(String path, Problem problem) {
        add(new Located(source.markOf(path), source.atValue(path, problem)));
    }

    /** Reading a value twice reports its error once. */
    private void add(Located problem) {
        if (!found.contains(problem)) {
            found.add(problem);
        }
    }

    /** An error at a position that has no key path (a YAML syntax error). */
    void atMark(Mark mark, Problem problem) {
        String location = source.name() + (mark == null ? "" : ":" + mark);
        add(new Located(mark, new Problem(location + ": " + problem.problem(), problem.reason(), problem.fix())));
    }

    int count() {
        return found.size();
    }

    /** Throws an {@link InvalidConfigException} listing the errors in file order, if there are any. */
    void throwIfAny() {
        if (found.isEmpty()) {
            return;
        }
        List<Problem> ordered = found.stream()
                .sorted(Comparator.comparing(
                        Located::mark,
                        Comparator.nullsLast(Comparator.comparingInt(Mark::line).thenComparingInt(Mark::column))))
                .map(Located::problem)
                .toList();
        throw new InvalidConfigException(ordered);
    }
}
