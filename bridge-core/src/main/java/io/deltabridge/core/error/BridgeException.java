package io.deltabridge.core.error;

import java.util.Objects;

/**
 * Every error the bridge reports. Its message always says what went wrong (problem), why
 * (cause) and what to do about it (fix), in one or two lines a person can act on.
 * Build instances with {@link Problem}.
 */
public class BridgeException extends RuntimeException {
    private final String problem;
    private final String reason;
    private final String fix;
    private final ExitCode exitCode;

    protected BridgeException(Problem p, ExitCode exitCode, Throwable cause) {
        super(p.render(), cause);
        this.problem = p.problem();
        this.reason = p.reason();
        this.fix = p.fix();
        this.exitCode = Objects.requireNonNull(exitCode);
    }

    /** What went wrong. */
    public String problem() {
        return problem;
    }

    /** Why it went wrong; may be null. */
    public String reason() {
        return reason;
    }

    /** What the user can do; may be null. */
    public String fix() {
        return fix;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** Whether repeating the operation may succeed. */
    public boolean isRetriable() {
        return false;
    }
}
