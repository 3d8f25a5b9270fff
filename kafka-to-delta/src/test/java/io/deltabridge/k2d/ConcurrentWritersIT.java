package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.k2d.delta.DeltaAppender;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances of one mapping (one consumer group, one table) and a foreign writer appending to
 * the same table with plain Delta Kernel, all at once: every Kafka record once, every foreign row once.
 */
@WithKafkaBroker
class ConcurrentWritersIT {
    private static final long FOREIGN_IDS = 1_000_000;
    private final Engine engine = DeltaEngines.create(Map.of());

    @Test
    void threeInstancesAndAForeignWriterLoseAndDuplicateNothing(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        String topic = Topics.create(kafka, "shared", 6);
        Path table = dir.resolve("t");
        KafkaToDelta.Builder builder = KafkaToDelta.builder()
                .bridgeName("it")
                .name("shared")
                .kafka(Map.of("bootstrap.servers", kafka.bootstrapServers(), "max.poll.records", "50"))
                .topics(topic)
                .table(table.toString())
                .create(true)
                .schema(KafkaToDeltaIT.DDL)
                .flush(new FlushPolicy(60, 1 << 20, Duration.ofMillis(200)));
        int total = 0;
        KafkaToDeltaIT.produceRows(kafka, topic, total, total += 600, 6);
        List<KafkaToDeltaPipeline> instances = new ArrayList<>();
        List<CompletableFuture<RunSummary>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            KafkaToDeltaPipeline p = builder.build();
            instances.add(p);
            runs.add(CompletableFuture.supplyAsync(p::runContinuously));
        }
        long foreign = 0;
        for (int round = 0; round < 10; round++) {
            KafkaToDeltaIT.produceRows(kafka, topic, total, total += 200, 6);
            if (DeltaAppender.latest(engine, table.toString())
                    .isPresent()) { // the first instance has created the table
                ForeignAppender.append(engine, table.toString(), FOREIGN_IDS + foreign, FOREIGN_IDS + foreign + 25);
                foreign += 25;
            }
        }
        long expectedRows = total + foreign;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (rows(table).size() < expectedRows && System.nanoTime() < deadline) {
            assertTrue(runs.stream().noneMatch(CompletableFuture::isDone), "an instance ended early");
            Thread.sleep(300);
        }
        instances.forEach(KafkaToDeltaPipeline::stop);
        long written = 0;
        for (CompletableFuture<RunSummary> run : runs) {
            written += run.get(60, TimeUnit.SECONDS).records();
        }

        List<ObjectNode> rows = rows(table);
        assertTrue(foreign > 0, "the foreign writer appended");
        assertEquals(expectedRows, rows.size(), "no loss, no duplicates");
        Set<Long> ids = rows.stream().map(r -> r.get("id").asLong()).collect(Collectors.toCollection(TreeSet::new));
        Set<Long> expected = KafkaToDeltaIT.range(0, total);
        expected.addAll(KafkaToDeltaIT.range(FOREIGN_IDS, FOREIGN_IDS + foreign));
        assertEquals(expected, ids);
        assertEquals(total, written, "the instances wrote every record once between them");
    }

    private List<ObjectNode> rows(Path table) {
        return TableRows.readOrNone(engine, table);
    }
}
