package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.pipeline.RunSummary;
import io.deltabridge.k2d.delta.DeltaAppender;
import io.deltabridge.k2d.delta.StoredOffsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop of one kafka → delta mapping against Kafka's {@link MockConsumer} (rebalances, positions
 * and records scripted poll by poll) and a real Delta table.
 */
class ConsumerLoopTest {
    private static final String TOPIC = "orders";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final String DOMAIN = StoredOffsets.domain("unit", "m");

    private final Engine engine = DeltaEngines.create(Map.of());
    private final MockKafka kafka = new MockKafka(TOPIC);
    private final MockConsumer<byte[], byte[]> consumer = kafka.consumer;

    @TempDir
    Path dir;

    @Test
    void boundedRunReadsToTheEndOffsetsAndStoresThemWithTheRows() {
        partitions(3, 2);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0, P1));
            add(P0, 0, 1, 2);
            add(P1, 0, 1);
        });
        RunSummary summary = loop(FlushPolicy.DEFAULT).run(true);

        assertEquals(5, summary.records());
        assertEquals(1, summary.units(), "one flush: at the end");
        assertEquals(new TreeSet<>(List.of(0L, 1L, 2L, 10L, 11L)), ids());
        assertEquals(Map.of(P0, 3L, P1, 2L), stored());
    }

    @Test
    void revokedPartitionsAreCommittedBeforeTheyGo() {
        partitions(2, 2);
        ConsumerLoop loop = loop(FlushPolicy.DEFAULT);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0, P1));
            add(P0, 0, 1);
            add(P1, 0);
        });
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0))); // P1 goes to another instance
        consumer.schedulePollTask(loop::stop);
        loop.run(false);

        assertEquals(new TreeSet<>(List.of(0L, 1L, 10L)), ids());
        assertEquals(Map.of(P0, 2L, P1, 1L), stored(), "P1's record committed on revocation");
    }

    @Test
    void aBatchWhoseOffsetsAnotherWriterMovedIsDiscardedAndReadAgainFromTheTable() {
        partitions(3, 0);
        ConsumerLoop loop = loop(new FlushPolicy(3, 1 << 20, Duration.ofMinutes(1)));
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            add(P0, 0, 1);
        });
        // another instance committed record 0 meanwhile (a zombie after a rebalance)
        consumer.schedulePollTask(() -> foreignCommit(Map.of(P0, 1L)));
        consumer.schedulePollTask(() -> add(P0, 2)); // a full batch: its commit is refused, the loop seeks to 1
        consumer.schedulePollTask(() -> add(P0, 1, 2));
        RunSummary summary = loop.run(true);

        assertEquals(new TreeSet<>(List.of(1L, 2L)), ids(), "record 0 was the other writer's; 1 and 2 once each");
        assertEquals(Map.of(P0, 3L), stored());
        assertEquals(1, summary.units());
    }

    @Test
    void aBadRecordWithOnErrorFailStopsAfterCommittingWhatCameBefore() {
        partitions(3, 0);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            add(P0, 0, 1);
            kafka.add(0, 2, null, "{\"id\":\"not a number\"}");
        });
        DataException e = assertThrows(
                DataException.class, () -> loop(FlushPolicy.DEFAULT).run(true));

        assertEquals(true, e.getMessage().contains("orders-0@2"), e.getMessage());
        assertEquals(new TreeSet<>(List.of(0L, 1L)), ids());
        assertEquals(Map.of(P0, 2L), stored(), "the bad record is not passed");
    }

    private ConsumerLoop loop(FlushPolicy flush) {
        KafkaToDeltaPipeline p = KafkaToDelta.builder()
                .bridgeName("unit")
                .name("m")
                .topics(TOPIC)
                .table(table())
                .create(true)
                .schema("id BIGINT NOT NULL, name STRING")
                .flush(flush)
                .kafkaClients(kafka)
                .engine(engine)
                .build();
        return new ConsumerLoop(p.identity(), p.services());
    }

    private void partitions(long end0, long end1) {
        kafka.partitions(end0, end1);
    }

    /** Records of id {@code partition * 10 + offset}. */
    private void add(TopicPartition tp, long... offsets) {
        for (long offset : offsets) {
            long id = tp.partition() * 10L + offset;
            kafka.add(tp.partition(), offset, null, "{\"id\":" + id + ",\"name\":\"n" + id + "\"}");
        }
    }

    private void foreignCommit(Map<TopicPartition, Long> offsets) {
        DeltaAppender other =
                DeltaAppender.open(engine, DeltaAppender.latest(engine, table()).orElseThrow(), DOMAIN);
        other.commit(other.noRows(), other.refreshOffsets(), offsets);
    }

    private String table() {
        return dir.resolve("t").toString();
    }

    private TreeSet<Long> ids() {
        return TableRows.read(engine, table()).stream()
                .map(o -> o.get("id").asLong())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Map<TopicPartition, Long> stored() {
        return DeltaAppender.open(engine, DeltaAppender.latest(engine, table()).orElseThrow(), DOMAIN)
                .refreshOffsets();
    }
}
