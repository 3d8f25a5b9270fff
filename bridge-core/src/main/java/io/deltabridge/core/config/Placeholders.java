package io.deltabridge.core.config;

import io.deltabridge.core.error.Problem;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in scalar values with environment
 * variables, as a shell does ({@code :-} also applies when the variable is empty);
 * <code>$${</code> writes a literal <code>${</code>. Errors name the variable but never the value,
 * which may be a secret.
 */
final class Placeholders {
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> env;

    Placeholders(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The text with every placeholder replaced, or the problem with the first one that cannot be. */
    Result resolve(String text) {
        if (text == null || !text.contains("${")) {
            return new Result(text, Optional.empty());
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
                continue;
            }
            if (!text.startsWith("${", i)) {
                out.append(text.charAt(i++));
                continue;
            }
            int end = text.indexOf('}', i + 2);
            if (end < 0) {
                return failure(Problem.of("unterminated placeholder `${`")
                        .because("a `${` has no closing `}`")
                        .fix("write ${NAME} or ${NAME:-default}; for a literal `${` write `$${`"));
            }
            String body = text.substring(i + 2, end);
            int dash = body.indexOf(":-");
            String name = dash < 0 ? body : body.substring(0, dash);
            if (!VARIABLE_NAME.matcher(name).matches()) {
                return failure(Problem.of(
                                "invalid placeholder `${%s}`", name.length() > 40 ? name.substring(0, 40) + "…" : name)
                        .because("a variable name is letters, digits and `_`, not starting with a digit")
                        .fix("write ${NAME} or ${NAME:-default}; for a literal `${` write `$${`"));
            }
            String value = env.get(name);
            if (value == null && dash < 0) {
                return failure(Problem.of("environment variable `%s` is not set", name)
                        .because("the value refers to ${%s}, which has no default", name)
                        .fix("set %s in the environment, or give a default: ${%s:-value}", name, name));
            }
            boolean useDefault = dash >= 0 && (value == null || value.isEmpty());
            out.append(useDefault ? body.substring(dash + 2) : value);
            i = end + 1;
        }
        return new Result(out.toString(), Optional.empty());
    }

    private static Result failure(Problem problem) {
        return new Result(null, Optional.of(problem));
    }

    /** The resolved text, or the problem that prevented it. */
    record Result(String text, Optional<Problem> problem) {}
}
