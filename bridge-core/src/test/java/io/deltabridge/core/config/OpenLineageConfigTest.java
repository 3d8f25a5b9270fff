package io.deltabridge.core.config;

import static io.deltabridge.core.config.ConfigErrorsTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.OpenLineageConfig.Transport;
import io.deltabridge.core.error.Problem;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code openlineage:} section (SPEC §8): each key read as written, and each mistake located with a fix. */
class OpenLineageConfigTest {
    private static final String HEAD = """
            name: b
            kafka: { bootstrap.servers: localhost:9092 }
            mappings: [{name: in, from: {kafka: t}, to: {delta: /t}}]
            openlineage:
            """;

    private static OpenLineageConfig load(String section) {
        return ConfigLoader.load(HEAD + section, "bridge.yaml", Map.of())
                .openLineage()
                .orElseThrow();
    }

    @Test
    void withoutTheSectionNoEventsAreSent() {
        BridgeConfig config = ConfigLoader.load(HEAD.replace("openlineage:\n", ""), "bridge.yaml", Map.of());
        assertEquals(Optional.empty(), config.openLineage());
    }

    @Test
    void httpReadsEveryKeyAndDefaultsTheRest() {
        OpenLineageConfig minimal = load("  transport: http\n  url: http://marquez:5000\n");
        assertEquals(
                new OpenLineageConfig(
                        Transport.HTTP,
                        Optional.of("http://marquez:5000"),
                        "/api/v1/lineage",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Duration.ofSeconds(5)),
                minimal);

        OpenLineageConfig full = load("""
                  transport: http
                  url: https://lineage.example
                  endpoint: /events
                  api-key: k3y-s3cret
                  timeout: 2s
                  namespace: prod
                """);
        assertEquals(
                new OpenLineageConfig(
                        Transport.HTTP,
                        Optional.of("https://lineage.example"),
                        "/events",
                        Optional.of("k3y-s3cret"),
                        Optional.empty(),
                        Optional.of("prod"),
                        Duration.ofSeconds(2)),
                full);
        assertFalse(full.toString().contains("k3y-s3cret"), full.toString());
    }

    @Test
    void fileAndConsoleTransports() {
        assertEquals(
                Optional.of("/var/log/lineage.jsonl"),
                load("  transport: file\n  file: /var/log/lineage.jsonl\n").file());
        assertEquals(Transport.CONSOLE, load("  transport: console\n").transport());
    }

    @Test
    void theApiKeyPrintsMaskedAndIsMaskedInLogs() {
        BridgeConfig config = ConfigLoader.load(
                HEAD + "  transport: http\n  url: http://m:5000\n  api-key: k3y-s3cret\n", "bridge.yaml", Map.of());
        String printed = ConfigPrinter.render(config);
        assertTrue(
                printed.contains("openlineage:\n  transport: http\n  url: http://m:5000\n  endpoint: /api/v1/lineage\n"
                        + "  api-key: '****'\n  timeout: 5s\n  namespace: b\n"),
                printed);
        assertFalse(printed.contains("k3y-s3cret"), printed);
        assertEquals("sent with ****", Secrets.maskRemembered("sent with k3y-s3cret"));
    }

    @Test
    void transportIsRequiredAndOneOfThree() {
        Problem missing = only(HEAD + "  url: http://m:5000\n");
        assertEquals(
                "bridge.yaml:4:1 (openlineage): missing required key `transport` in `openlineage`", missing.problem());
        assertTrue(missing.fix().contains("`http`, `file`, `console`"), missing.fix());

        Problem wrong = only(HEAD + "  transport: htp\n");
        assertEquals("bridge.yaml:5:14 (openlineage.transport): invalid value for `transport`", wrong.problem());
        assertEquals("did you mean `http`? write `transport: http`", wrong.fix());
    }

    @Test
    void httpNeedsAnHttpUrl() {
        Problem missing = only(HEAD + "  transport: http\n");
        assertEquals("bridge.yaml:4:1 (openlineage): missing required key `url` in `openlineage`", missing.problem());
        assertTrue(missing.fix().startsWith("add `url:`"), missing.fix());

        Problem notHttp = only(HEAD + "  transport: http\n  url: \"ftp://user:pw1234@m\"\n");
        assertEquals("bridge.yaml:6:8 (openlineage.url): invalid value for `url`", notHttp.problem());
        assertEquals("expected an http or https URL, got `ftp://****@m`", notHttp.reason());
        assertEquals("write the receiver's base URL, e.g. `url: http://marquez:5000`", notHttp.fix());
    }

    @Test
    void endpointIsAPath() {
        Problem p = only(HEAD + "  transport: http\n  url: http://m:5000\n  endpoint: api/v1/lineage\n");
        assertEquals("bridge.yaml:7:13 (openlineage.endpoint): invalid value for `endpoint`", p.problem());
        assertEquals("expected a path starting with `/`, got `api/v1/lineage`", p.reason());
        assertEquals("write e.g. `endpoint: /api/v1/lineage` (the default)", p.fix());
    }

    @Test
    void timeoutIsAPositiveDuration() {
        Problem zero = only(HEAD + "  transport: http\n  url: http://m:5000\n  timeout: 0s\n");
        assertEquals("bridge.yaml:7:12 (openlineage.timeout): invalid value for `timeout`", zero.problem());
        assertTrue(zero.fix().endsWith("e.g. `timeout: 5s` (the default)"), zero.fix());

        Problem unitless = only(HEAD + "  transport: http\n  url: http://m:5000\n  timeout: 5\n");
        assertEquals("bridge.yaml:7:12 (openlineage.timeout): invalid value for `timeout`", unitless.problem());
        assertTrue(unitless.reason().contains("a duration with a unit"), unitless.reason());
    }

    @Test
    void fileTransportNeedsAFile() {
        Problem p = only(HEAD + "  transport: file\n");
        assertEquals("bridge.yaml:4:1 (openlineage): missing required key `file` in `openlineage`", p.problem());
        assertTrue(p.fix().startsWith("add `file:`"), p.fix());
    }

    @Test
    void aKeyOfAnotherTransportIsNotSilentlyIgnored() {
        Problem apiKey = only(HEAD + "  transport: console\n  api-key: k3y-s3cret\n");
        assertEquals(
                "bridge.yaml:6:3 (openlineage.api-key): `api-key` does not apply to `transport: console`",
                apiKey.problem());
        assertEquals("only `transport: http` reads it", apiKey.reason());
        assertEquals("remove `api-key`, or write `transport: http`", apiKey.fix());
        assertFalse(apiKey.toString().contains("k3y-s3cret"), apiKey.toString());

        Problem file = only(HEAD + "  transport: http\n  url: http://m:5000\n  file: /tmp/x\n");
        assertEquals("bridge.yaml:7:3 (openlineage.file): `file` does not apply to `transport: http`", file.problem());
    }

    @Test
    void namespaceIsANonEmptyString() {
        assertEquals(
                Optional.of("prod"),
                load("  transport: console\n  namespace: prod\n").namespace());
        Problem p = only(HEAD + "  transport: console\n  namespace: \"\"\n");
        assertEquals("bridge.yaml:6:14 (openlineage.namespace): invalid value for `namespace`", p.problem());
    }

    @Test
    void anUnknownKeySuggestsTheNearestOne() {
        Problem p = only(HEAD + "  transport: http\n  url: http://m:5000\n  apikey: k3y-s3cret\n");
        assertEquals("bridge.yaml:7:3 (openlineage.apikey): unknown key `apikey` in `openlineage`", p.problem());
        assertEquals("did you mean `api-key`?", p.reason());
    }
}
