package io.deltabridge.k2d;

import io.deltabridge.core.config.StartingOffsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one run's consumer in line with the offsets stored in the table: seeks to them, follows
 * the position past transaction markers, tells when a bounded run has read everything, and
 * mirrors committed offsets to the consumer group (for lag tools only).
 */
final class ConsumerPositions {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerPositions.class);

    private final Consumer<byte[], byte[]> consumer;
    private final MappingIdentity id;
    private final TableOffsets offsets;
    private final OpenBatch batch;
    private final KafkaToDeltaMetrics metrics;
    private final OffsetGaps gaps;

    ConsumerPositions(
            Consumer<byte[], byte[]> consumer,
            MappingIdentity id,
            TableOffsets offsets,
            OpenBatch batch,
            KafkaToDeltaMetrics metrics) {
        this.consumer = consumer;
        this.id = id;
        this.offsets = offsets;
        this.batch = batch;
        this.metrics = metrics;
        this.gaps = new OffsetGaps(id.mapping(), id.tableUri(), metrics);
    }

    void seekToStored(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> positions = offsets.claim(partitions);
        List<TopicPartition> fromStart =
                partitions.stream().filter(tp -> !positions.containsKey(tp)).toList();
        if (!positions.isEmpty()) {
            positions.forEach(consumer::seek);
            resolveGaps(positions);
        }
        if (!fromStart.isEmpty()) {
            startWithoutStoredOffsets(fromStart);
        }
        LOG.info(
                "Mapping '{}': reading {} from the offsets stored in {} ({}; none stored means starting-offsets: {})",
                id.name(),
                partitions,
                id.tableUri(),
                positions,
                id.mapping().startingOffsets().name().toLowerCase(Locale.ROOT));
    }

    /**
     * Seeks partitions the table stores no offset for to where {@code starting-offsets} says. The end
     * of a partition moves, so a {@code latest} start is taken into the batch: the next commit stores
     * it, and a restart before any record arrives goes on from there instead of from a later end.
     */
    private void startWithoutStoredOffsets(List<TopicPartition> partitions) {
        if (id.mapping().startingOffsets() == StartingOffsets.EARLIEST) {
            consumer.seekToBeginning(partitions);
            return;
        }
        consumer.seekToEnd(partitions);
        for (TopicPartition tp : partitions) {
            batch.movedPast(tp, consumer.position(tp));
        }
    }

    /**
     * Checks positions against their partitions' logs: the stored ones on assignment, and those the
     * consumer reports out of range while it reads (retention overtook a lagging run). A gap fails the
     * run or, with {@code skip}, moves the batch to where reading resumes, so that the next commit
     * stores the gap as passed.
     */
    void resolveGaps(Map<TopicPartition, Long> positions) {
        Map<TopicPartition, Long> resume = gaps.resolve(
                positions, consumer.beginningOffsets(positions.keySet()), consumer.endOffsets(positions.keySet()));
        resume.forEach((tp, offset) -> {
            consumer.seek(tp, offset);
            batch.movedPast(tp, offset);
        });
    }

    /**
     * The consumer's position moves past transaction markers, which are never returned as records:
     * store it, not last offset + 1, so that a transactional source topic read to its end shows no
     * lag. Called after a poll's records are processed, for the partitions it returned (or, when it
     * returned nothing, every assigned partition).
     */
    void advancePastControlRecords(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            if (!consumer.assignment().contains(tp)) {
                continue;
            }
            Long known = batch.nextOffset(tp);
            if (known == null) {
                known = offsets.expected(tp);
            }
            if (known == null) {
                continue; // read from the beginning, nothing stored yet: the first record sets it
            }
            long position = consumer.position(tp);
            if (position > known) {
                batch.movedPast(tp, position);
            }
        }
    }

    /** True when every assigned partition is read up to {@code endOffsets}. */
    boolean reachedEnd(Map<TopicPartition, Long> endOffsets) {
        for (TopicPartition tp : consumer.assignment()) {
            Long end = endOffsets.get(tp);
            if (end != null && consumer.position(tp) < end) {
                return false;
            }
        }
        return true;
    }

    /** Mirrors offsets just committed to the table to the consumer group, then updates the lag metric. */
    void committed(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> group = new HashMap<>();
        offsets.forEach((tp, o) -> group.put(tp, new OffsetAndMetadata(o)));
        try {
            consumer.commitSync(group);
        } catch (KafkaException e) {
            // the table holds the truth; the group offsets only feed lag tools
            LOG.info(
                    "Mapping '{}': committing offsets to group '{}' failed ({}); the table has them",
                    id.name(),
                    id.groupId(),
                    e.toString());
        }
        long lag = 0;
        for (TopicPartition tp : consumer.assignment()) {
            lag += consumer.currentLag(tp).orElse(0);
        }
        metrics.consumerLag.set(lag);
    }
}
