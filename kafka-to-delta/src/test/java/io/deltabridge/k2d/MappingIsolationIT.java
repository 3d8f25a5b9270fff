package io.deltabridge.k2d;

import static io.deltabridge.k2d.KafkaToDeltaIT.record;
import static io.deltabridge.k2d.KafkaToDeltaIT.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ConfigLoader;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.ExitCode;
import io.deltabridge.core.pipeline.Bridge;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuous mode with real pipelines: one mapping stops on a bad record ({@code on-error: fail}),
 * the other keeps consuming and committing; the run then ends with the failed mapping's data
 * error (exit 3), not with success.
 */
@WithKafkaBroker
class MappingIsolationIT {
    private final Engine engine = DeltaEngines.create(Map.of());

    @Test
    void aFailedMappingDoesNotStopTheHealthyOneAndTheRunEndsWithItsError(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        String broken = Topics.create(kafka, "iso-broken", 1);
        String healthy = Topics.create(kafka, "iso-healthy", 1);
        Path healthyTable = dir.resolve("healthy");
        BridgeConfig config = ConfigLoader.load(
                """
                name: iso
                kafka: { bootstrap.servers: "%s" }
                mappings:
                  - name: broken-in
                    from: { kafka: [%s] }
                    to: { delta: "%s", create: true, schema: "%s" }
                    on-error: fail
                    flush: { max-interval: 1s }
                  - name: healthy-in
                    from: { kafka: [%s] }
                    to: { delta: "%s", create: true, schema: "%s" }
                    flush: { max-interval: 1s }
                """.formatted(
                                kafka.bootstrapServers(),
                                broken,
                                dir.resolve("broken"),
                                KafkaToDeltaIT.DDL,
                                healthy,
                                healthyTable,
                                KafkaToDeltaIT.DDL),
                "iso.yaml",
                Map.of());
        kafka.produce(List.of(record(broken, 0, null, "not json", Map.of())));
        CountDownLatch failed = new CountDownLatch(1);
        Bridge bridge = Bridge.builder()
                .config(config)
                .listener(new PipelineListener() {
                    @Override
                    public void onFailure(String mapping, Exception error) {
                        failed.countDown();
                    }
                })
                .build();
        try {
            bridge.start();
            assertTrue(failed.await(60, TimeUnit.SECONDS), "the broken mapping failed");

            // after the failure: the healthy mapping still consumes and commits
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                records.add(record(healthy, 0, null, row(i), Map.of()));
            }
            kafka.produce(records);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (rows(healthyTable) < 20 && System.nanoTime() < deadline) {
                Thread.sleep(200); // polling the table: commits come from another thread, no event to wait on
            }
            assertEquals(20, rows(healthyTable), "the healthy mapping went on after the other one failed");
            assertTrue(bridge.isRunning());
        } finally {
            bridge.close();
        }
        DataException e = assertThrows(DataException.class, bridge::awaitTermination);
        assertEquals(ExitCode.DATA_ERROR, e.exitCode());
        assertTrue(e.getMessage().contains(broken), e.getMessage());
    }

    @Test
    void aStopRequestedBeforeTheRunStartsIsNotLost(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        // Bridge.close(), or another mapping's fatal error, may stop a pipeline whose thread has not begun its run yet
        String topic = Topics.create(kafka, "stop-early", 1);
        KafkaToDeltaPipeline p =
                KafkaToDeltaIT.pipeline(kafka, topic, dir.resolve("t")).build();
        p.stop();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            runner.submit(p::runContinuously).get(60, TimeUnit.SECONDS);
        } finally {
            runner.shutdownNow();
        }
        kafka.produce(List.of(record(topic, 0, null, row(1), Map.of())));
        assertEquals(1, p.runOnce().records(), "a later run is not stopped by the old request");
    }

    private long rows(Path table) {
        return TableRows.readOrNone(engine, table).size();
    }
}
