package io.deltabridge.k2d;

import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.OnOffsetGap;
import io.deltabridge.core.error.Problem;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens to a position that is no longer in its partition's log: below the log
 * start (retention deleted records never read) or above its end (the topic was recreated or its
 * log truncated). With {@code on-offset-gap: fail} that is a data error naming the gap; with
 * {@code skip} reading resumes at the log start, and the offsets skipped are logged and counted.
 */
final class OffsetGaps {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetGaps.class);

    private final KafkaToDeltaMapping mapping;
    private final String tableUri;
    private final KafkaToDeltaMetrics metrics;

    OffsetGaps(KafkaToDeltaMapping mapping, String tableUri, KafkaToDeltaMetrics metrics) {
        this.mapping = mapping;
        this.tableUri = tableUri;
        this.metrics = metrics;
    }

    /**
     * The positions outside their log's range [{@code starts}, {@code ends}] and where to resume
     * reading them instead; empty when every position is in range.
     *
     * @throws io.deltabridge.core.error.DataException with {@code on-offset-gap: fail} when a position is out of range
     */
    Map<TopicPartition, Long> resolve(
            Map<TopicPartition, Long> positions, Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> resume = new HashMap<>();
        positions.forEach((tp, position) -> {
            long start = starts.getOrDefault(tp, 0L);
            long end = ends.getOrDefault(tp, 0L);
            if (position >= start && position <= end) {
                return;
            }
            String why = position < start
                    ? String.format(
                            "retention (or a delete-records call) removed %d records that were never read",
                            start - position)
                    : "the topic was deleted and recreated, or its log lost records (unclean leader election)";
            if (mapping.onOffsetGap() == OnOffsetGap.FAIL) {
                throw Problem.of(
                                "Partition %s of mapping '%s' no longer holds the stored offset %d",
                                tp, mapping.name(), position)
                        .because(
                                "the table %s stores offset %d but the partition's log holds [%d, %d): %s",
                                tableUri, position, start, end, why)
                        .fix(
                                "restore the records if you can; to accept the loss and continue at offset %d, set 'on-offset-gap: skip' "
                                        + "in the mapping and run it once",
                                start)
                        .data();
            }
            long skipped = position < start ? start - position : position - end;
            metrics.offsetsSkippedGap.increment(skipped);
            LOG.warn(
                    "Mapping '{}': stored offset {} of {} is outside the log's range [{}, {}) ({}); on-offset-gap: skip resumes at {}, "
                            + "{} offsets skipped",
                    mapping.name(),
                    position,
                    tp,
                    start,
                    end,
                    why,
                    start,
                    skipped);
            resume.put(tp, start);
        });
        return resume;
    }
}
