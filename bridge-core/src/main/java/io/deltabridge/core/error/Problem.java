package io.deltabridge.core.error;

/**
 * The one way to build an error message: problem, cause and fix.
 *
 * <pre>{@code
 * throw Problem.of("Delta table not found at %s", uri)
 *     .because("the directory has no _delta_log")
 *     .fix("check the 'from.delta' path of mapping '%s'", mapping)
 *     .config();
 * }</pre>
 */
public record Problem(String problem, String reason, String fix) {

    public static Problem of(String format, Object... args) {
        return new Problem(format(format, args), null, null);
    }

    public Problem because(String format, Object... args) {
        return new Problem(problem, format(format, args), fix);
    }

    public Problem fix(String format, Object... args) {
        return new Problem(problem, reason, format(format, args));
    }

    /** "Problem: cause." on the first line, "Fix: ..." on the second. */
    public String render() {
        StringBuilder sb = new StringBuilder(problem);
        if (reason != null) {
            sb.append(": ").append(reason);
        }
        if (fix != null) {
            sb.append(System.lineSeparator()).append("Fix: ").append(fix);
        }
        return sb.toString();
    }

    public ConfigException config() {
        return new ConfigException(this);
    }

    public ConfigException config(Throwable cause) {
        return new ConfigException(this, cause);
    }

    public DataException data() {
        return new DataException(this);
    }

    public DataException data(Throwable cause) {
        return new DataException(this, cause);
    }

    public RetriableBridgeException retriable(Throwable cause) {
        return new RetriableBridgeException(this, cause);
    }

    public RuntimeFailureException runtime(Throwable cause) {
        return new RuntimeFailureException(this, cause);
    }

    private static String format(String format, Object... args) {
        return args.length == 0 ? format : String.format(format, args);
    }
}
