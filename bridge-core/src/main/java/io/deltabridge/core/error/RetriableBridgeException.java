package io.deltabridge.core.error;

/** A failure that may go away when the operation is repeated (broker or storage unreachable, conflict). */
public class RetriableBridgeException extends BridgeException {
    public RetriableBridgeException(Problem problem, Throwable cause) {
        super(problem, ExitCode.RUNTIME_FAILURE, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
