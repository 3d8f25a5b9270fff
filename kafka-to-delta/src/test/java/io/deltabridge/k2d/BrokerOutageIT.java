package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.error.ExitCode;
import io.deltabridge.core.error.RuntimeFailureException;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.embedded.EmbeddedKafkaBroker;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops for longer than the clients' timeouts (shortened here to a few seconds) and
 * comes back: continuous mode waits with backoff and resumes, exactly once; {@code --once} ends
 * with a runtime failure (exit 1) naming the outage after its retry budget, and never hangs.
 */
@WithKafkaBroker
class BrokerOutageIT {
    /** Three times the clients' own timeouts below. */
    private static final Duration OUTAGE = Duration.ofSeconds(15);

    private final Engine engine = DeltaEngines.create(Map.of());

    private static Map<String, String> impatientClients(KafkaCluster kafka) {
        Map<String, String> settings = new HashMap<>();
        settings.put("bootstrap.servers", kafka.bootstrapServers());
        settings.put("default.api.timeout.ms", "5000");
        settings.put("request.timeout.ms", "3000");
        settings.put("session.timeout.ms", "6000");
        settings.put("heartbeat.interval.ms", "1000");
        settings.put("reconnect.backoff.max.ms", "1000");
        return settings;
    }

    @Test
    void continuousModeRidesOutAnOutageAndResumesExactlyOnce(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        String topic = Topics.create(kafka, "outage", 2);
        Path table = dir.resolve("t");
        KafkaToDeltaIT.produceRows(kafka, topic, 0, 100, 2);
        KafkaToDeltaPipeline p = KafkaToDeltaIT.pipeline(kafka, topic, table)
                .kafka(impatientClients(kafka))
                .flush(new FlushPolicy(1000, 1 << 20, Duration.ofMillis(300)))
                .build();
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(p::runContinuously);
        try {
            await(() -> rows(table).size() == 100, "the first 100 records in the table", run);

            EmbeddedKafkaBroker broker = kafka.broker();
            broker.stopServer();
            long down = System.nanoTime();
            while (System.nanoTime() - down < OUTAGE.toNanos()) {
                assertFalse(run.isDone(), "the continuous run ended during the outage: " + outcome(run));
                Thread.sleep(500);
            }
            broker.startServer();
            KafkaToDeltaIT.produceRows(kafka, topic, 100, 200, 2);
            await(() -> rows(table).size() >= 200, "all 200 records in the table after the outage", run);
        } finally {
            // also when an assertion failed: a pipeline left running would consume through the next test classes
            p.stop();
        }
        run.get(60, TimeUnit.SECONDS);

        List<ObjectNode> rows = rows(table);
        assertEquals(200, rows.size(), "no duplicates");
        assertEquals(
                KafkaToDeltaIT.range(0, 200),
                rows.stream().map(r -> r.get("id").asLong()).collect(Collectors.toCollection(java.util.TreeSet::new)));
    }

    @Test
    void onceWithTheBrokerDownExits1AfterItsRetries(KafkaCluster kafka, @TempDir Path dir) {
        String topic = Topics.create(kafka, "once-down", 1);
        Path table = dir.resolve("t");
        KafkaToDeltaIT.produceRows(kafka, topic, 0, 10, 1);
        KafkaToDeltaPipeline p = KafkaToDeltaIT.pipeline(kafka, topic, table)
                .kafka(impatientClients(kafka))
                .build();
        kafka.broker().stopServer();
        try {
            long started = System.nanoTime();
            RuntimeFailureException e = assertThrows(RuntimeFailureException.class, p::runOnce);
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            assertEquals(ExitCode.RUNTIME_FAILURE, e.exitCode());
            assertTrue(
                    e.getMessage().contains("attempts")
                            && e.getMessage().contains(topic.isEmpty() ? "?" : "m-" + topic),
                    e.getMessage());
            assertTrue(seconds < 90, "gave up after " + seconds + " s");
        } finally {
            kafka.broker().startServer();
        }
    }

    @Test
    void onceLosingTheBrokerMidRunExits1InsteadOfWaitingForever(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        String topic = Topics.create(kafka, "once-mid", 1);
        Path table = dir.resolve("t");
        KafkaToDeltaIT.produceRowsInSmallBatches(kafka, topic, 0, 300);
        AtomicBoolean stopped = new AtomicBoolean();
        Map<String, String> clients = impatientClients(kafka);
        clients.put(
                "max.partition.fetch.bytes",
                "2048"); // a few records per fetch: most are still on the broker when it stops
        clients.put("fetch.max.bytes", "2048");
        KafkaToDeltaPipeline p = KafkaToDeltaIT.pipeline(kafka, topic, table)
                .kafka(clients)
                .flush(new FlushPolicy(20, 1 << 20, Duration.ofMinutes(1)))
                .listener(new PipelineListener() {
                    @Override
                    public void onBatchCommitted(String mapping, long tableVersion, long records) {
                        if (stopped.compareAndSet(false, true)) {
                            kafka.broker().stopServer();
                        }
                    }
                })
                .build();
        try {
            CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(p::runOnce);
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> run.get(120, TimeUnit.SECONDS),
                    "the run ends instead of waiting for the broker forever");
            assertTrue(
                    e.getCause() instanceof RuntimeFailureException,
                    e.getCause().toString());
            assertTrue(stopped.get());
            assertTrue(
                    rows(table).size() >= 20 && rows(table).size() < 300,
                    "what was committed stays: " + rows(table).size());
        } finally {
            if (stopped.get()) {
                kafka.broker().startServer();
            }
        }
        assertEquals(
                300 - rows(table).size(),
                KafkaToDeltaIT.pipeline(kafka, topic, table).build().runOnce().records(),
                "the next run resumes");
        assertEquals(300, rows(table).size());
    }

    private List<ObjectNode> rows(Path table) {
        return TableRows.readOrNone(engine, table);
    }

    private static String outcome(CompletableFuture<RunSummary> run) {
        try {
            return String.valueOf(run.getNow(null));
        } catch (RuntimeException e) {
            return e.getCause() == null ? e.toString() : e.getCause().toString();
        }
    }

    private static void await(BooleanSupplier condition, String what, CompletableFuture<RunSummary> run)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            if (run.isDone()) {
                throw new AssertionError("the run ended before " + what + ": " + outcome(run));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
