package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error paths that need no broker: every one exits with its SPEC §3 code and a one-or-two-line message. */
class CommandErrorsTest {
    @TempDir
    Path dir;

    @Test
    void missingMappingFileIsAConfigError() {
        for (String command : new String[] {"run", "validate", "status"}) {
            Cli.Result r = Cli.run(command, "-c", dir.resolve("nope.yaml").toString());
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains("nope.yaml"), r.toString());
            assertTrue(r.err().lines().count() <= 2, "one or two lines\n" + r);
        }
    }

    @Test
    void httpOptionsOutOfRangeAreUsageErrors() {
        Cli.Result port = Cli.run("run", "-c", dir.resolve("bridge.yaml").toString(), "--http-port", "70000");
        assertEquals(2, port.code(), port.toString());
        assertTrue(
                port.err().contains("--http-port must be a port from 0 (any free one) to 65535, got 70000"),
                port.toString());
        Cli.Result grace =
                Cli.run("run", "-c", dir.resolve("bridge.yaml").toString(), "--http-port", "0", "--stall-grace", "-1");
        assertEquals(2, grace.code(), grace.toString());
        assertTrue(grace.err().contains("--stall-grace must be 0 or more seconds, got -1"), grace.toString());
    }

    @Test
    void invalidMappingFileNamesLineColumnAndFix() throws IOException {
        Path file = write("bad.yaml", """
                name: b
                kafka:
                  bootstrap.servers: 127.0.0.1:9
                mappings:
                  - name: out
                    from: { delta: /tmp/t }
                    to: { kafka: t }
                    key: [id]
                    fromat: json
                """);
        Cli.Result r = Cli.run("validate", "-c", file.toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("bad.yaml:9:"), r.toString());
        assertTrue(r.err().contains("format"), "suggests the right key\n" + r);
        assertFalse(r.err().contains("\tat "), r.toString());
    }

    @Test
    void stacktraceOptionAddsTheTraceOnEverySubcommand() throws IOException {
        Cli.Result r =
                Cli.run("run", "--stacktrace", "-c", dir.resolve("nope.yaml").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("\tat io.deltabridge."), r.toString());
        Cli.Result top =
                Cli.run("--stacktrace", "status", "-c", dir.resolve("nope.yaml").toString());
        assertEquals(2, top.code(), top.toString());
        assertTrue(top.err().contains("\tat io.deltabridge."), top.toString());
    }

    @Test
    void unknownMappingNameIsAConfigErrorListingTheNames() throws IOException {
        Path file = validFile();
        Cli.Result r = Cli.run("run", "-c", file.toString(), "-m", "nope", "--once");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("'nope'") && r.err().contains("out"), r.toString());
        Cli.Result schema = Cli.run("schema", "-c", file.toString(), "-m", "nope");
        assertEquals(2, schema.code(), schema.toString());
        assertTrue(schema.err().contains("'nope'"), schema.toString());
    }

    @Test
    void resetProgressNeedsTheMappingsNamed() throws IOException {
        Cli.Result r = Cli.run("run", "-c", validFile().toString(), "--reset-progress", "--once");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--reset-progress needs -m NAME"), r.toString());
    }

    @Test
    void schemaOfAMissingTableIsAConfigErrorNamingTheMapping() throws IOException {
        Cli.Result r = Cli.run("schema", "-c", validFile().toString(), "-m", "out");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("Delta table not found") && r.err().contains("'out'"), r.toString());
    }

    @Test
    void secretsNeverAppearInErrors() throws IOException {
        Path file = write("secret.yaml", """
                name: b
                kafka:
                  bootstrap.servers: 127.0.0.1:9
                  sasl.jaas.config: super-secret-jaas-value
                mappings:
                  - name: out
                    from: { delta: /tmp/t }
                    to: { kafka: t }
                    key: [id]
                    formt: json
                """);
        Cli.Result r = Cli.run("--stacktrace", "validate", "-c", file.toString());
        assertEquals(2, r.code(), r.toString());
        assertFalse(r.out().contains("super-secret") || r.err().contains("super-secret"), r.toString());
    }

    private Path validFile() throws IOException {
        return write("ok.yaml", """
                name: b
                kafka:
                  bootstrap.servers: 127.0.0.1:9
                mappings:
                  - name: out
                    from: { delta: %s }
                    to: { kafka: t }
                    key: [id]
                """.formatted(dir.resolve("no-table")));
    }

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }
}
