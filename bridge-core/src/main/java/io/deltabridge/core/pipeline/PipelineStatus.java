package io.deltabridge.core.pipeline;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where a mapping stands (SPEC §3 {@code status}).
 *
 * @param position   delta → kafka: last published version; kafka → delta: offsets stored in the table, per partition
 * @param latest     delta → kafka: latest table version; kafka → delta: end offsets
 * @param lag        versions (delta → kafka) or records (kafka → delta) not yet processed
 * @param lastCommit when the mapping last committed, if known
 */
public record PipelineStatus(
        String mapping,
        String direction,
        Map<String, Long> position,
        Map<String, Long> latest,
        long lag,
        Optional<Instant> lastCommit) {

    public PipelineStatus {
        position = Map.copyOf(position);
        latest = Map.copyOf(latest);
    }
}
