package io.deltabridge.core.error;

/** Process exit codes of the {@code bridge} command (SPEC §3), one per kind of failure. */
public enum ExitCode {
    SUCCESS(0),
    /** Broker or storage unreachable after retries, commit failed. */
    RUNTIME_FAILURE(1),
    /** Usage or configuration error. */
    CONFIG_ERROR(2),
    /** A data error with {@code on-error: fail}, or the table history needed is gone. */
    DATA_ERROR(3),
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
