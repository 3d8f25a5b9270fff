package io.deltabridge.d2k;

import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.error.Problem;

/**
 * Checks that a mapping still reads the table it published from: a table deleted and recreated
 * at the same location has another id, and its versions mean something else than the progress says.
 */
final class TableIdentity {
    private final DeltaToKafkaMapping mapping;
    private final String tableUri;

    TableIdentity(DeltaToKafkaMapping mapping, String tableUri) {
        this.mapping = mapping;
        this.tableUri = tableUri;
    }

    /**
     * A data error (exit 3) when {@code latest} is not the table with id {@code expectedId}.
     *
     * @param known where {@code expectedId} comes from, e.g. "the progress says"
     */
    void require(String expectedId, TableState latest, String known) {
        if (expectedId != null && !expectedId.equals(latest.tableId())) {
            throw Problem.of("The table of mapping '%s' is not the one it published from", mapping.name())
                    .because(
                            "%s table id %s, the table at %s now has id %s (deleted and recreated?)",
                            known, expectedId, tableUri, latest.tableId())
                    .fix(
                            "to publish the new table from its 'starting-version', run once with"
                                    + " 'bridge run -m %s --reset-progress'",
                            mapping.name())
                    .data();
        }
    }
}
