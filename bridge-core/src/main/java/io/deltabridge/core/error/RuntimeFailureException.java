package io.deltabridge.core.error;

/** A failure at run time that retrying will not fix (commit failed, retries exhausted). Exit code 1. */
public class RuntimeFailureException extends BridgeException {
    public RuntimeFailureException(Problem problem, Throwable cause) {
        super(problem, ExitCode.RUNTIME_FAILURE, cause);
    }
}
