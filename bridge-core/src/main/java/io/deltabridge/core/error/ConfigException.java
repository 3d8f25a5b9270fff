package io.deltabridge.core.error;

/** The mapping file or the command line is wrong. Exit code 2. */
public class ConfigException extends BridgeException {
    public ConfigException(Problem problem) {
        super(problem, ExitCode.CONFIG_ERROR, null);
    }

    public ConfigException(Problem problem, Throwable cause) {
        super(problem, ExitCode.CONFIG_ERROR, cause);
    }
}
