package io.deltabridge.cli;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.Secrets;
import io.deltabridge.core.error.BridgeException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
        BridgeConfig config = loadedConfig(parseResult);
        err.println(cmd.getColorScheme().errorText("Error: " + scrub(message(error), config)));
        if (stacktrace.getAsBoolean()) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            err.print(scrub(trace.toString(), config));
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

    /** The configuration the failed command loaded, if any: its secrets are scrubbed from third-party messages. */
    private static BridgeConfig loadedConfig(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            for (CommandLine.Model.CommandSpec mixin : r.commandSpec().mixins().values()) {
                if (mixin.userObject() instanceof ConfigOption option && option.loaded != null) {
                    return option.loaded;
                }
            }
        }
        return null;
    }

    private static String scrub(String text, BridgeConfig config) {
        return config == null ? text : Secrets.scrub(text, config);
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
