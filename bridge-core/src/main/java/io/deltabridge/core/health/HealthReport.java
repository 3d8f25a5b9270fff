package io.deltabridge.core.health;

import java.time.Instant;
import java.util.List;

/**
 * The health of every mapping of a bridge at one check.
 *
 * <p>Ready: every mapping is {@link MappingHealth#ready()} (caught up, moving, or waiting less than
 * its interval). Live: no mapping has {@link MappingHealth.State#FAILED failed}: a failed mapping
 * stays stopped while the others run, and only a restart brings it back, whereas a stalled or
 * unreachable one recovers by itself when its broker or storage does.
 */
public record HealthReport(Instant checkedAt, List<MappingHealth> mappings) {

    public HealthReport {
        mappings = List.copyOf(mappings);
    }

    public boolean ready() {
        return mappings.stream().allMatch(MappingHealth::ready);
    }

    public boolean live() {
        return mappings.stream().noneMatch(m -> m.state() == MappingHealth.State.FAILED);
    }
}
