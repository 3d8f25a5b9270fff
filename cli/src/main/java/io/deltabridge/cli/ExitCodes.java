package io.deltabridge.cli;

import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.ExitCode;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import picocli.CommandLine;

/** SPEC §3 exit codes from exception types. */
final class ExitCodes {
    private ExitCodes() {}

    static int of(Throwable error) {
        if (error instanceof CommandLine.ParameterException) {
            return ExitCode.CONFIG_ERROR.code();
        }
        if (isInterruption(error)) {
            return ExitCode.INTERRUPTED.code();
        }
        BridgeException bridge = bridgeException(error);
        return bridge != null ? bridge.exitCode().code() : ExitCode.RUNTIME_FAILURE.code();
    }

    /** The first {@link BridgeException} in the cause chain, or null. */
    static BridgeException bridgeException(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BridgeException b) {
                return b;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    static boolean isInterruption(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException
                    || t instanceof ClosedByInterruptException
                    || t instanceof InterruptedIOException && !(t instanceof java.net.SocketTimeoutException)
                    || t instanceof org.apache.kafka.common.errors.InterruptException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
