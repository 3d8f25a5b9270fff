package io.deltabridge.core.health;

import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.MappingConfig;
import io.deltabridge.core.health.MappingHealth.State;
import io.deltabridge.core.pipeline.PipelineStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Tells a stalled mapping from a busy or an idle one by comparing successive {@link PipelineStatus}
 * observations. A mapping with work waiting ({@code lag > 0}) must move its position within its own
 * interval (kafka → delta: {@code flush.max-interval}, the longest a batch stays open; delta → kafka:
 * {@code poll-interval}) plus a grace for slow commits; otherwise it is {@link State#STALLED}. Not
 * thread-safe: one checking thread.
 */
public final class StallDetector {
    private final Duration grace;
    private final LongSupplier nanoTime;
    private final Map<String, Seen> seen = new HashMap<>();

    private record Seen(Map<String, Long> position, long movedAtNanos) {}

    /** {@code nanoTime}: a monotonic clock (System::nanoTime; a controllable one in tests). */
    public StallDetector(Duration grace, LongSupplier nanoTime) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the stall grace must not be negative, got " + grace);
        }
        this.grace = grace;
        this.nanoTime = nanoTime;
    }

    /** The health of {@code mapping} given its status just read. */
    public MappingHealth observed(MappingConfig mapping, PipelineStatus status) {
        long now = nanoTime.getAsLong();
        Seen before = seen.get(mapping.name());
        boolean moved = before == null || !before.position().equals(status.position());
        long movedAt = moved || status.lag() == 0 ? now : before.movedAtNanos();
        seen.put(mapping.name(), new Seen(status.position(), movedAt));
        if (status.lag() == 0) {
            return new MappingHealth(mapping.name(), State.IDLE, 0, "caught up");
        }
        if (moved && before != null) {
            return new MappingHealth(
                    mapping.name(), State.PROGRESSING, status.lag(), "processing, " + status.lag() + " behind");
        }
        Duration still = Duration.ofNanos(now - movedAt);
        Duration allowed = interval(mapping).plus(grace);
        if (still.compareTo(allowed) > 0) {
            return new MappingHealth(
                    mapping.name(),
                    State.STALLED,
                    status.lag(),
                    String.format(
                            "stalled: %d behind and no progress for %ds (allowed: %ds, the mapping's interval and the grace)",
                            status.lag(), still.toSeconds(), allowed.toSeconds()));
        }
        return new MappingHealth(
                mapping.name(),
                State.WAITING,
                status.lag(),
                String.format(
                        "%d behind, no progress for %ds (allowed: %ds)",
                        status.lag(), still.toSeconds(), allowed.toSeconds()));
    }

    /** The longest a healthy mapping with work waiting may go without moving its position, before the grace. */
    static Duration interval(MappingConfig mapping) {
        return mapping instanceof KafkaToDeltaMapping k2d
                ? k2d.flush().maxInterval()
                : ((DeltaToKafkaMapping) mapping).pollInterval();
    }
}
