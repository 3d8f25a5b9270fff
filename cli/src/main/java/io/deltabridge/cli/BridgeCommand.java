package io.deltabridge.cli;

import io.deltabridge.cli.init.InitCommand;
import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.Problem;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code bridge} command (SPEC §3, §8): {@code run}, {@code validate}, {@code status},
 * {@code schema}, {@code quickstart} and {@code init}. Exit codes come from the exception types
 * ({@link ExitCodes}); errors print as one or two lines, the trace only with {@code --stacktrace}.
 *
 * <pre>{@code
 * int code = BridgeCommand.commandLine().execute("run", "-c", "bridge.yaml", "--once");
 * }</pre>
 */
@Command(
        name = "bridge",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Bidirectional bridge between Delta Lake tables and Apache Kafka.",
        subcommands = {
            RunCommand.class,
            ValidateCommand.class,
            StatusCommand.class,
            SchemaCommand.class,
            QuickstartCommand.class,
            InitCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 success, 1 runtime failure, 2 usage or configuration error,",
            "3 data error or table history gone, 130 interrupted.",
            "Logging: -Dlogback.configurationFile=my-logback.xml (see docs/cli.md)."
        })
public final class BridgeCommand implements Runnable {

    /** Selects the layout of the built-in logging ({@code DefaultLogging}): {@code text} (default) or {@code json}. */
    static final String LOG_FORMAT_VARIABLE = "BRIDGE_LOG_FORMAT";

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print the full stack trace of an error.")
    boolean stacktrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // `bridge` alone: show what it can do
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** The command line with exit-code mapping and error printing installed; output via setOut/setErr. */
    public static CommandLine commandLine() {
        BridgeCommand root = new BridgeCommand();
        CommandLine cmd = new CommandLine(root);
        ErrorHandler errors = new ErrorHandler(() -> root.stacktrace);
        cmd.setExecutionExceptionHandler(errors);
        cmd.setParameterExceptionHandler(errors);
        cmd.setExitCodeExceptionMapper(ExitCodes::of);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }

    public static void main(String[] args) {
        Signals.installForProcess();
        int code;
        try {
            checkLogFormat(System.getenv(LOG_FORMAT_VARIABLE));
            code = commandLine().execute(args);
        } catch (ConfigException badLogFormat) {
            System.err.println("Error: " + badLogFormat.getMessage());
            code = badLogFormat.exitCode().code();
        } catch (Error fatal) {
            // picocli hands only Exceptions to the error handler: an Error on the main thread must
            // still end the process non-zero (and not wait for the clients' non-daemon threads)
            System.err.println("Error: " + fatal);
            code = io.deltabridge.core.error.ExitCode.RUNTIME_FAILURE.code();
        }
        System.out.flush();
        System.err.flush();
        Signals.exit(code);
    }

    /** Before the first log line: an unknown format would make logback drop every line silently. */
    static void checkLogFormat(String format) {
        if (format != null && !List.of("text", "json").contains(format)) {
            throw Problem.of("%s=%s is not a log format", LOG_FORMAT_VARIABLE, format)
                    .fix("set it to text (the default) or json, or unset it")
                    .config();
        }
    }
}
