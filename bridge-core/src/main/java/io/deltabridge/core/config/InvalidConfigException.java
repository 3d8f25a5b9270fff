package io.deltabridge.core.config;

import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.Problem;
import java.util.List;

/**
 * A configuration with one or more errors. {@link #problem()}, {@link #reason()} and
 * {@link #fix()} describe the first (in file order); the message lists the others after it.
 */
public final class InvalidConfigException extends ConfigException {
    private final List<Problem> problems;

    InvalidConfigException(List<Problem> problems) {
        super(problems.get(0));
        this.problems = List.copyOf(problems);
    }

    /** Every error found, in file order; each names its location, the key and a fix. */
    public List<Problem> problems() {
        return problems;
    }

    @Override
    public String getMessage() {
        if (problems.size() == 1) {
            return super.getMessage();
        }
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder(super.getMessage())
                .append(nl)
                .append("and ")
                .append(problems.size() - 1)
                .append(problems.size() == 2 ? " more error:" : " more errors:");
        for (Problem p : problems.subList(1, problems.size())) {
            sb.append(nl).append("- ").append(p.render().replace(nl, nl + "  "));
        }
        return sb.toString();
    }
}
