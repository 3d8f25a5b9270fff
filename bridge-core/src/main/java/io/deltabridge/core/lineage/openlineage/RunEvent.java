package io.deltabridge.core.lineage.openlineage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One OpenLineage run event, as plain values: built on the pipeline thread, written as JSON on the
 * delivery thread ({@link RunEventJson}).
 *
 * @param error the failure of a {@code FAIL} event, its secrets already masked
 */
record RunEvent(
        Type type,
        UUID runId,
        Instant time,
        JobId job,
        List<LineageDataset> inputs,
        List<LineageDataset> outputs,
        Optional<String> error) {

    /** The run state transitions the bridge reports. */
    enum Type {
        START,
        COMPLETE,
        ABORT,
        FAIL
    }

    /** A job: a mapping of a bridge. */
    record JobId(String namespace, String name) {}
}
