package io.deltabridge.cli;

import io.deltabridge.core.error.BridgeException;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * Prints errors the way a person can act on them: what went wrong and the fix, in one or two
 * lines; the trace only with {@code --stacktrace}. Usage errors add a pointer to {@code --help}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    private final BooleanSupplier stacktrace;

    ErrorHandler(BooleanSupplier stacktrace) {
        this.stacktrace = stacktrace;
    }

    @Override
    public int handleExecutionException(Exception error, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText("Error: " + message(error)));
        if (stacktrace.getAsBoolean()) {
            error.printStackTrace(err);
        } else if (ExitCodes.bridgeException(error) == null && !ExitCodes.isInterruption(error)) {
            err.println("Run again with --stacktrace to see where it failed.");
        }
        err.flush();
        return ExitCodes.of(error);
    }

    @Override
    public int handleParseException(CommandLine.ParameterException error, String[] args) {
        CommandLine cmd = error.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText("Error: " + error.getMessage()));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(error, err)) {
            err.println("Fix: see '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        }
        if (stacktrace.getAsBoolean()) {
            error.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.of(error);
    }

    private static String message(Throwable error) {
        if (ExitCodes.isInterruption(error)) {
            return "Interrupted";
        }
        BridgeException bridge = ExitCodes.bridgeException(error);
        if (bridge != null) {
            return bridge.getMessage();
        }
        // an unexpected exception: name it, its message may not say what it is
        return error.getClass().getSimpleName() + (error.getMessage() != null ? ": " + error.getMessage() : "");
    }
}
