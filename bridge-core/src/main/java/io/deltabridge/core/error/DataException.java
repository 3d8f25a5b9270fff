package io.deltabridge.core.error;

/**
 * A record or a table cannot be processed as it is: undecodable or unmappable data, or table
 * history that is needed but gone. Exit code 3.
 */
public class DataException extends BridgeException {
    public DataException(Problem problem) {
        super(problem, ExitCode.DATA_ERROR, null);
    }

    public DataException(Problem problem, Throwable cause) {
        super(problem, ExitCode.DATA_ERROR, cause);
    }
}
