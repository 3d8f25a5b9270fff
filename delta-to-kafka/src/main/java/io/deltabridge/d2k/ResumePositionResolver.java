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
    record Position(long version, long ordinal, Progress committed) {}

    private final DeltaToKafkaMapping mapping;
    private final TableIdentity identity;
    private final ChangeStream changes;
    private final ProgressStore progressStore;
    private final PublishedEvents publishedEvents;

    ResumePositionResolver(
            DeltaToKafkaMapping mapping,
            String tableUri,
            ChangeStream changes,
            ProgressStore progressStore,
            PublishedEvents publishedEvents) {
        this.mapping = mapping;
        this.identity = new TableIdentity(mapping, tableUri);
        this.changes = changes;
        this.progressStore = progressStore;
        this.publishedEvents = publishedEvents;
    }

    /** Whether the committed progress already covers {@code latest}; reads without creating the progress topic. */
    boolean alreadyPublished(TableState latest) {
        if (!progressStore.topicExists()) {
            return false;
        }
        // unsettled: a transaction (maybe this mapping's own, from a crashed run) hides the last word
        ProgressStore.Reading stored = progressStore.readNow();
        return stored.settled()
                && stored.progress()
                        .filter(p -> latest.tableId().equals(p.tableId()) && p.resumeVersion() > latest.version())
                        .isPresent();
    }

    /**
     * The position to resume at; call it after fencing (initTransactions), so that none of this
     * mapping's transactions is still open. Refuses progress of another (recreated) table, and a
     * start from {@code starting-version} when the topic already holds the mapping's events,
     * unless {@code reset} (then both the stored progress and those events are disregarded).
     */
    Position resolve(TableState latest, boolean reset) {
        if (reset) {
            long version = changes.resolveStartingVersion(mapping.startingVersion());
            LOG.warn(
                    "Mapping {}: progress reset as asked; publishes again from version {} ({})",
                    mapping.name(),
                    version,
                    mapping.startingVersion());
            return new Position(version, 0, null);
        }
        Optional<Progress> stored = progressStore.read();
        if (stored.isPresent()) {
            Progress p = stored.get();
            identity.require(p.tableId(), latest, "the progress says");
            LOG.info(
                    "Mapping {} resumes at version {} (change row {})",
                    mapping.name(),
                    p.resumeVersion(),
                    p.resumeOrdinal());
            return new Position(p.resumeVersion(), p.resumeOrdinal(), p);
        }
        if (publishedEvents.foundIn(mapping.topic())) {
            throw Problem.of(
                            "Mapping '%s' has no progress in '%s', but topic '%s' already holds its events",
                            mapping.name(), progressStore.topic(), mapping.topic())
                    .because(
                            "the progress was lost (progress topic deleted or recreated, or 'progress-topic'"
                                    + " changed); starting at 'starting-version' (%s) would publish them again",
                            mapping.startingVersion())
                    .fix(
                            "restore the progress topic, or to publish from 'starting-version' anyway run once with"
                                    + " 'bridge run -m %s --reset-progress'",
                            mapping.name())
                    .data();
        }
        long version = changes.resolveStartingVersion(mapping.startingVersion());
        LOG.info(
                "Mapping {} has no progress yet; starts at version {} ({})",
                mapping.name(),
                version,
                mapping.startingVersion());
        return new Position(version, 0, null);
    }
}
