package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.StartingOffsets;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.pipeline.PipelineStatus;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code starting-offsets}: where a mapping starts in partitions its table stores no offset for. */
@WithKafkaBroker
class StartingOffsetsIT {
    private final Engine engine = DeltaEngines.create(Map.of());

    @Test
    void latestSkipsWhatTheTopicHeldAndStoresItsStartSoThatARestartMissesNothing(
            KafkaCluster kafka, @TempDir Path dir) {
        String topic = Topics.create(kafka, "latest", 2);
        Path table = dir.resolve("t");
        KafkaToDeltaIT.produceRows(kafka, topic, 0, 20, 2);

        KafkaToDeltaPipeline first = latest(kafka, topic, table);
        assertEquals(0, first.runOnce().records(), "the records produced before the first run are not read");
        PipelineStatus status = first.status();
        assertEquals(
                Map.of(topic + "-0", 10L, topic + "-1", 10L), status.position(), "the start is stored in the table");
        assertEquals(0, status.lag(), status.toString());

        // produced while no run is active: a start taken again at the end would skip them
        KafkaToDeltaIT.produceRows(kafka, topic, 20, 30, 2);
        assertEquals(10, latest(kafka, topic, table).runOnce().records());
        assertEquals(KafkaToDeltaIT.range(20, 30), ids(table));
    }

    @Test
    void earliestIsTheDefaultAndReadsWhatTheTopicHeld(KafkaCluster kafka, @TempDir Path dir) {
        String topic = Topics.create(kafka, "earliest", 2);
        Path table = dir.resolve("t");
        KafkaToDeltaIT.produceRows(kafka, topic, 0, 20, 2);

        assertEquals(
                20,
                KafkaToDeltaIT.pipeline(kafka, topic, table).build().runOnce().records());
        assertEquals(KafkaToDeltaIT.range(0, 20), ids(table));
    }

    @Test
    void statusBeforeTheFirstCommitShowsNoPositionAndWhatEarliestWouldRead(KafkaCluster kafka, @TempDir Path dir) {
        String topic = Topics.create(kafka, "unread", 2);
        KafkaToDeltaIT.produceRows(kafka, topic, 0, 20, 2);

        PipelineStatus status =
                KafkaToDeltaIT.pipeline(kafka, topic, dir.resolve("t")).build().status();
        assertEquals(Map.of(), status.position());
        assertEquals(Map.of(topic + "-0", 10L, topic + "-1", 10L), status.latest());
        assertEquals(20, status.lag());
    }

    private static KafkaToDeltaPipeline latest(KafkaCluster kafka, String topic, Path table) {
        return KafkaToDeltaIT.pipeline(kafka, topic, table)
                .startingOffsets(StartingOffsets.LATEST)
                .build();
    }

    private Set<Long> ids(Path table) {
        return TableRows.ids(engine, table);
    }
}
