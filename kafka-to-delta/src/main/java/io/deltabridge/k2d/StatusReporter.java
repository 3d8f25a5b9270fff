package io.deltabridge.k2d;

import io.delta.kernel.Snapshot;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.Mode;
import io.deltabridge.core.config.OnError;
import io.deltabridge.core.config.StartingOffsets;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.pipeline.PipelineStatus;
import io.deltabridge.core.pipeline.Plan;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.k2d.delta.DeltaAppender;
import io.deltabridge.k2d.delta.StoredOffsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * Answers {@code status} (offsets stored in the table against the topics' ends) and
 * {@code validate} (what a run would read and write) for one mapping, without running it.
 */
final class StatusReporter {
    private final KafkaToDeltaMapping mapping;
    private final Engine engine;
    private final KafkaClientFactory kafka;
    private final Optional<SchemaRegistryClient> registry;
    private final String tableUri;
    private final String domain;
    private final String groupId;

    StatusReporter(MappingIdentity id, PipelineServices services) {
        this.mapping = id.mapping();
        this.engine = services.engine();
        this.kafka = services.kafka();
        this.registry = services.registry();
        this.tableUri = id.tableUri();
        this.domain = id.domain();
        this.groupId = id.groupId();
    }

    PipelineStatus status() {
        Optional<Snapshot> snapshot = DeltaAppender.latest(engine, mapping.table());
        Map<TopicPartition, Long> stored = snapshot.flatMap(s -> s.getDomainMetadata(domain))
                .map(json -> StoredOffsets.fromJson(domain, json))
                .orElseGet(Map::of);
        try (Consumer<byte[], byte[]> c =
                kafka.consumer(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, groupId + ".status"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : SourceTopics.existing(mapping, c)) {
                Optional.ofNullable(c.partitionsFor(topic))
                        .orElse(List.of())
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            Map<TopicPartition, Long> ends = c.endOffsets(partitions);
            Map<TopicPartition, Long> starts = c.beginningOffsets(partitions);
            Map<String, Long> position = new TreeMap<>();
            Map<String, Long> latest = new TreeMap<>();
            long lag = 0;
            for (TopicPartition tp : partitions) {
                long end = ends.getOrDefault(tp, 0L);
                Long at = stored.get(tp);
                if (at != null) {
                    position.put(tp.toString(), at);
                } else {
                    // nothing stored: reading will start where starting-offsets says
                    at = mapping.startingOffsets() == StartingOffsets.LATEST ? end : starts.getOrDefault(tp, 0L);
                }
                latest.put(tp.toString(), end);
                lag += Math.max(0, end - at);
            }
            Optional<Instant> lastCommit = snapshot.map(s -> Instant.ofEpochMilli(s.getTimestamp(engine)));
            return new PipelineStatus(mapping.name(), "kafka-to-delta", position, latest, lag, lastCommit);
        }
    }

    Plan validate() {
        List<String> lines = new ArrayList<>();
        List<String> sourceTopics;
        try (Admin admin = kafka.admin()) {
            sourceTopics = mapping.topicPattern().isPresent()
                    ? mapping.topicsAmong(admin.listTopics().names().get())
                    : mapping.topics();
            Map<String, TopicDescription> topics =
                    admin.describeTopics(sourceTopics).allTopicNames().get();
            topics.values()
                    .forEach(t -> lines.add(
                            "topic " + t.name() + ": " + t.partitions().size() + " partitions"));
            if (mapping.topicPattern().isPresent()) {
                lines.add(
                        sourceTopics.isEmpty()
                                ? "no topic matches `" + mapping.topicPattern().get()
                                        + "` yet: topics created later are read when they appear"
                                : "topics created later that match `"
                                        + mapping.topicPattern().get() + "` are read too");
            }
            if (mapping.deadLetterTopic().isPresent()) {
                String dlq = mapping.deadLetterTopic().get();
                boolean exists = admin.listTopics().names().get().contains(dlq);
                lines.add("dead-letter topic " + dlq
                        + (exists ? ": exists" : ": missing (created on first use if the broker auto-creates topics)"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.of("Interrupted while checking the topics of '%s'", mapping.name())
                    .runtime(e);
        } catch (ExecutionException e) {
            throw Problem.of("The %s of mapping '%s' cannot be described", mapping.sourceDescription(), mapping.name())
                    .because("%s", e.getCause().getMessage())
                    .fix("create the topics, check 'kafka.bootstrap.servers' and the bridge's permissions")
                    .config(e.getCause());
        }
        Optional<Snapshot> snapshot = DeltaAppender.latest(engine, mapping.table());
        lines.addAll(new RegisteredValueCheck(mapping, tableUri, registry)
                .check(sourceTopics, snapshot.map(Snapshot::getSchema)));
        if (snapshot.isPresent()) {
            Snapshot s = snapshot.get();
            lines.add("table " + tableUri + ": version " + s.getVersion() + ", partitioned by "
                    + s.getPartitionColumnNames() + ", schema " + s.getSchema().fieldNames());
            Set<String> missing = new HashSet<>(LineageColumns.ALL);
            missing.removeAll(s.getSchema().fieldNames());
            if (mapping.lineageColumns() && !missing.isEmpty()) {
                lines.add("lineage columns " + missing + " are not in the table: they will not be written");
            }
        } else if (mapping.create()) {
            lines.add("table " + tableUri + ": will be created, partitioned by " + mapping.partitionBy() + ", schema "
                    + TargetTable.schemaToCreate(mapping, registry).fieldNames());
        } else {
            throw TargetTable.notFound(mapping);
        }
        lines.add("format " + mapping.format().name().toLowerCase() + ", consumer group " + groupId
                + ", offsets in domain metadata " + domain
                + ", flush every " + mapping.flush().maxRecords() + " records / "
                + mapping.flush().maxBytes() + " bytes / " + mapping.flush().maxInterval()
                + ", bad records: "
                + (mapping.deadLetterTopic().isPresent() && mapping.onError() == OnError.DEAD_LETTER
                        ? "to " + mapping.deadLetterTopic().get()
                        : "stop the run"));
        lines.add(
                mapping.mode() == Mode.UPSERT
                        ? "mode upsert: changes applied by key " + mapping.key() + ", envelope "
                                + mapping.envelope().name().toLowerCase()
                                + (mapping.envelope() == Envelope.ROW
                                        ? ", tombstone keys read as "
                                                + mapping.keyFormat().name().toLowerCase()
                                        : "")
                                + " (changes of one key must come in one partition)"
                        : "mode append: every record is a new row");
        return new Plan(mapping.name(), lines);
    }
}
