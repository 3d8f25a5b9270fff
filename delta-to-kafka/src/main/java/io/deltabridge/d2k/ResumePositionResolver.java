package io.deltabridge.d2k;

import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.error.Problem;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides where a mapping publishes from: its stored progress, or else its {@code starting-version}. */
final class ResumePositionResolver {
    private static final Logger LOG = LoggerFactory.getLogger(ResumePositionResolver.class);

    /** The next change row to publish, and the progress last committed (null when there is none). */
    record Position(long version, long ordinal, Progress committed) {
    }

    private final DeltaToKafkaMapping mapping;
    private final String tableUri;
    private final ChangeStream changes;
    private final ProgressStore progressStore;

    ResumePositionResolver(DeltaToKafkaMapping mapping, String tableUri, ChangeStream changes,
            ProgressStore progressStore) {
        this.mapping = mapping;
        this.tableUri = tableUri;
        this.changes = changes;
        this.progressStore = progressStore;
    }

    /** Whether the committed progress already covers {@code latest}; reads without creating the progress topic. */
    boolean alreadyPublished(TableState latest) {
        if (!progressStore.topicExists()) {
            return false;
        }
        // unsettled: a transaction (maybe this mapping's own, from a crashed run) hides the last word
        ProgressStore.Reading stored = progressStore.readNow();
        return stored.settled() && stored.progress()
                .filter(p -> latest.tableId().equals(p.tableId()) && p.resumeVersion() > latest.version())
                .isPresent();
    }

    /**
     * The position to resume at; call it after fencing (initTransactions), so that the progress
     * topic (read_committed) has a settled end. Refuses progress of another (recreated) table.
     */
    Position resolve(TableState latest) {
        Optional<Progress> stored = progressStore.read();
        if (stored.isPresent()) {
            Progress p = stored.get();
            if (p.tableId() != null && !p.tableId().equals(latest.tableId())) {
                throw Problem.of("The table of mapping '%s' is not the one it published from", mapping.name())
                        .because("the progress says table id %s, the table at %s now has id %s (recreated?)",
                                p.tableId(), tableUri, latest.tableId())
                        .fix("to publish the new table from its start, delete the key '%s' from the topic '%s'"
                                + " (a tombstone) and run again", progressStore.key(), progressStore.topic())
                        .data();
            }
            LOG.info("Mapping {} resumes at version {} (change row {})", mapping.name(), p.resumeVersion(),
                    p.resumeOrdinal());
            return new Position(p.resumeVersion(), p.resumeOrdinal(), p);
        }
        long version = changes.resolveStartingVersion(mapping.startingVersion());
        LOG.info("Mapping {} has no progress yet; starts at version {} ({})", mapping.name(), version,
                mapping.startingVersion());
        return new Position(version, 0, null);
    }
}
