package io.deltabridge.d2k;

import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.pipeline.PipelineStatus;
import io.deltabridge.core.pipeline.Plan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers {@code validate} and {@code status} from the table and the stored progress, without publishing. */
final class StatusReporter {
    private final DeltaToKafkaMapping mapping;
    private final String tableUri;
    private final String transactionalId;
    private final ChangeStream changes;
    private final ProgressStore progressStore;
    private final TableMappingCheck tableCheck;
    private final RegisteredSchemaCheck registryCheck;

    StatusReporter(
            DeltaToKafkaMapping mapping,
            String tableUri,
            String transactionalId,
            ChangeStream changes,
            ProgressStore progressStore,
            TableMappingCheck tableCheck,
            RegisteredSchemaCheck registryCheck) {
        this.mapping = mapping;
        this.tableUri = tableUri;
        this.transactionalId = transactionalId;
        this.changes = changes;
        this.progressStore = progressStore;
        this.tableCheck = tableCheck;
        this.registryCheck = registryCheck;
    }

    Plan validate() {
        List<String> lines = new ArrayList<>();
        TableState latest = changes.latest();
        tableCheck.check(latest);
        lines.add(String.format(
                "table %s: version %d, id %s, change data feed on", tableUri, latest.version(), latest.tableId()));
        lines.add(String.format(
                "key %s (%s key), value %s, envelope %s, changes %s",
                mapping.key(),
                mapping.keyFormat().name().toLowerCase(),
                mapping.format().name().toLowerCase(),
                mapping.envelope().name().toLowerCase(),
                mapping.changes()));
        mapping.columns().ifPresent(c -> lines.add("columns " + c));
        lines.addAll(registryCheck.check(latest.schema()));
        Optional<Progress> stored = storedProgress();
        lines.add(stored.map(p -> String.format(
                        "progress in %s: %s version %d%s",
                        progressStore.topic(),
                        p.complete() ? "published through" : "inside",
                        p.version(),
                        p.complete() ? "" : " at change row " + p.nextOrdinal()))
                .orElse("no progress yet: starts at " + mapping.startingVersion()));
        lines.add(String.format("publishes to topic %s in transactions as '%s'", mapping.topic(), transactionalId));
        return new Plan(mapping.name(), lines);
    }

    PipelineStatus status() {
        TableState latest = changes.latest();
        Optional<Progress> stored = storedProgress();
        long position =
                stored.map(p -> p.complete() ? p.version() : p.version() - 1).orElse(-1L);
        long lag = Math.max(0, latest.version() - position);
        return new PipelineStatus(
                mapping.name(),
                "delta-to-kafka",
                Map.of("version", position),
                Map.of("version", latest.version()),
                lag,
                stored.map(p -> Instant.ofEpochMilli(p.publishedAt())));
    }

    /**
     * Reads without creating the progress topic: validate and status change nothing, and do not
     * wait for open transactions (they report the progress committed as far as it is readable).
     */
    private Optional<Progress> storedProgress() {
        return progressStore.topicExists() ? progressStore.readNow().progress() : Optional.empty();
    }
}
