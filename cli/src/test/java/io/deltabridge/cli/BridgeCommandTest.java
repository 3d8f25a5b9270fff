package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.Problem;
import java.io.InterruptedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command structure, usage errors and the exit-code mapping, without any broker. */
class BridgeCommandTest {

    @Test
    void versionNamesTheProjectAndItsEngines() {
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("deltabridge "), r.toString());
        assertTrue(r.out().contains("Kafka clients 4."), r.toString());
        assertTrue(r.out().contains("Delta Kernel"), r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "status", "schema", "quickstart"})
    void everySubcommandHasHelpAndVersion(String command) {
        Cli.Result help = Cli.run(command, "--help");
        assertEquals(0, help.code(), help.toString());
        assertTrue(help.out().contains("Usage: bridge " + command), help.toString());
        assertTrue(help.out().contains("--stacktrace"), help.toString());
        Cli.Result version = Cli.run(command, "--version");
        assertEquals(0, version.code(), version.toString());
        assertTrue(version.out().startsWith("deltabridge "), version.toString());
    }

    @Test
    void topLevelHelpListsTheCommandsAndExitCodes() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.code(), r.toString());
        for (String command : new String[] {"run", "validate", "status", "schema"}) {
            assertTrue(r.out().contains("  " + command + " "), command + " missing in\n" + r);
        }
        assertTrue(r.out().contains("130 interrupted"), r.toString());
    }

    @Test
    void noSubcommandIsAUsageError() {
        Cli.Result r = Cli.run();
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("Missing subcommand"), r.toString());
    }

    @Test
    void unknownSubcommandSuggestsTheNearestOne() {
        Cli.Result r = Cli.run("statsu");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("status"), r.toString());
    }

    @Test
    void missingConfigOptionIsAUsageErrorPointingToHelp() {
        Cli.Result r = Cli.run("run", "--once");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("Missing required option: '--config=FILE'"), r.toString());
        assertTrue(r.err().contains("bridge run --help"), r.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace without --stacktrace\n" + r);
    }

    @Test
    void exitCodesFollowTheExceptionTypes() {
        assertEquals(2, ExitCodes.of(Problem.of("bad key").config()));
        assertEquals(3, ExitCodes.of(Problem.of("history gone").data()));
        assertEquals(1, ExitCodes.of(Problem.of("broker down").retriable(null)));
        assertEquals(1, ExitCodes.of(Problem.of("commit failed").runtime(null)));
        assertEquals(1, ExitCodes.of(new IllegalStateException("unexpected")));
        assertEquals(130, ExitCodes.of(new RuntimeException(new InterruptedException())));
        assertEquals(130, ExitCodes.of(new InterruptedIOException()));
        assertEquals(130, ExitCodes.of(new org.apache.kafka.common.errors.InterruptException("stop")));
        assertEquals(2, ExitCodes.of(new CommandLine.ParameterException(new CommandLine(new BridgeCommand()), "x")));
        // a bridge error wrapped by a library keeps its own exit code
        assertEquals(
                3, ExitCodes.of(new RuntimeException(Problem.of("bad record").data())));
    }
}
