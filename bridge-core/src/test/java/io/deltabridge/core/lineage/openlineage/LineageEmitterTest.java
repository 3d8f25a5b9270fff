package io.deltabridge.core.lineage.openlineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery of run events: what a run's events say, and that no receiver can stop or slow the caller. */
class LineageEmitterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StructType SCHEMA =
            new StructType().add("id", IntegerType.INTEGER).add("name", StringType.STRING);
    private static final DatasetId TABLE = DatasetId.table("file:/lake/t");
    private static final DatasetId TOPIC = DatasetId.topic("k1:9092", "t-out");

    @TempDir
    Path dir;

    private static LineageEmitter emitter(String openlineage) {
        BridgeConfig config = ConfigLoader.load("""
                name: b
                kafka: { bootstrap.servers: "k1:9092" }
                mappings: [{name: out, from: {delta: /lake/t}, to: {kafka: t-out}, key: [id]}]
                openlineage:
                """ + openlineage, "bridge.yaml", Map.of());
        return LineageEmitter.create(config);
    }

    private static void oneRun(MappingLineage runs) {
        LineageDataset input = LineageDataset.of(TABLE).withSchema(SCHEMA);
        LineageDataset output = LineageDataset.of(TOPIC).withSchema(SCHEMA);
        runs.start(List.of(input), List.of(output));
        runs.complete(List.of(input.withVersion(7)), List.of(output.withStatistics(3, 120, -1)));
    }

    @Test
    void theFileTransportWritesARunAsTwoJsonLines() throws IOException {
        Path file = dir.resolve("lineage.jsonl");
        LineageEmitter emitter = emitter("  transport: file\n  file: " + file + "\n  namespace: prod\n");
        oneRun(emitter.forMapping("b.out", List.of(TABLE), List.of(TOPIC)));
        emitter.close();

        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), lines.toString());
        JsonNode start = JSON.readTree(lines.get(0));
        JsonNode complete = JSON.readTree(lines.get(1));
        assertEquals("START", start.path("eventType").asText());
        assertEquals("COMPLETE", complete.path("eventType").asText());
        assertEquals(start.path("run").path("runId"), complete.path("run").path("runId"));
        assertEquals("prod", complete.path("job").path("namespace").asText());
        assertEquals("b.out", complete.path("job").path("name").asText());
        JsonNode input = complete.path("inputs").get(0);
        assertEquals("file", input.path("namespace").asText());
        assertEquals("/lake/t", input.path("name").asText());
        assertEquals(
                "7", input.path("facets").path("version").path("datasetVersion").asText());
        assertEquals(
                "INT",
                input.path("facets")
                        .path("schema")
                        .path("fields")
                        .get(0)
                        .path("type")
                        .asText());
        JsonNode output = complete.path("outputs").get(0);
        assertEquals("kafka://k1:9092", output.path("namespace").asText());
        assertEquals(
                3,
                output.path("outputFacets")
                        .path("outputStatistics")
                        .path("rowCount")
                        .asLong());
        assertEquals(
                120,
                output.path("outputFacets")
                        .path("outputStatistics")
                        .path("size")
                        .asLong());
        assertEquals(
                "name",
                output.path("facets")
                        .path("columnLineage")
                        .path("fields")
                        .path("name")
                        .path("inputFields")
                        .get(0)
                        .path("field")
                        .asText());
        assertEquals(2, emitter.delivered());
    }

    @Test
    void theConsoleTransportPrintsOneJsonObjectALine() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineageEmitter emitter = new LineageEmitter(
                new EventTransport.Console(new PrintStream(out, true, StandardCharsets.UTF_8)),
                "ns",
                Duration.ofSeconds(1));
        MappingLineage runs = emitter.forMapping("b.out", List.of(TABLE), List.of(TOPIC));
        runs.start(List.of(LineageDataset.of(TABLE)), List.of(LineageDataset.of(TOPIC)));
        runs.abort();
        emitter.close();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(
                List.of("START", "ABORT"),
                lines.stream()
                        .map(l -> {
                            try {
                                return JSON.readTree(l).path("eventType").asText();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        })
                        .toList());
    }

    @Test
    void aFailureWithoutAnOpenRunIsARunOfItsOwnOnlyWhenItStopsTheMapping() throws IOException {
        Path file = dir.resolve("failures.jsonl");
        LineageEmitter emitter = emitter("  transport: file\n  file: " + file + "\n");
        MappingLineage runs = emitter.forMapping("b.out", List.of(TABLE), List.of(TOPIC));
        runs.fail(new IllegalStateException("broker away"), false); // retried: nothing to report
        runs.fail(new IllegalStateException("gave up"), true);
        emitter.close();

        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), lines.toString());
        JsonNode fail = JSON.readTree(lines.get(1));
        assertEquals("FAIL", fail.path("eventType").asText());
        assertEquals(
                "gave up",
                fail.path("run")
                        .path("facets")
                        .path("errorMessage")
                        .path("message")
                        .asText());
        assertEquals("/lake/t", fail.path("inputs").get(0).path("name").asText());
    }

    @Test
    void anUnreachableReceiverIsCountedNotThrown() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LineageEmitter emitter =
                emitter("  transport: http\n  url: http://127.0.0.1:" + closedPort + "\n  timeout: 1s\n");
        oneRun(emitter.forMapping("b.out", List.of(TABLE), List.of(TOPIC)));
        emitter.close();
        assertEquals(0, emitter.delivered());
        assertEquals(2, emitter.failed());
    }

    @Test
    void aReceiverThatHangsNeitherSlowsNorBlocksTheCaller() throws IOException, InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer hanging = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hanging.createContext("/api/v1/lineage", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hanging.start();
        try {
            LineageEmitter emitter = emitter("  transport: http\n  url: http://127.0.0.1:"
                    + hanging.getAddress().getPort() + "\n  timeout: 1s\n");
            MappingLineage runs = emitter.forMapping("b.out", List.of(TABLE), List.of(TOPIC));
            int runCount = LineageEmitter.QUEUE; // twice as many events as the queue holds
            long started = System.nanoTime();
            for (int i = 0; i < runCount; i++) {
                oneRun(runs);
            }
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(tookMillis < 2_000, runCount + " runs took " + tookMillis + " ms on the caller's thread");
            // what was not dropped is queued, being sent (one) or done (a send times out after 1 s)
            long dropped = emitter.dropped();
            long done = emitter.delivered() + emitter.failed();
            assertTrue(
                    dropped > 0 && dropped + LineageEmitter.QUEUE + 1 + done >= runCount * 2L,
                    "dropped " + dropped + ", done " + done);
            long closing = System.nanoTime();
            emitter.close();
            // close waits at most twice the timeout, then gives up on what is left
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing) < 5_000);
            assertEquals(runCount * 2L, emitter.delivered() + emitter.failed() + emitter.dropped());
        } finally {
            release.countDown();
            hanging.stop(0);
        }
    }
}
