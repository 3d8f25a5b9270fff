package io.deltabridge.k2d;

import io.deltabridge.core.config.ClientRole;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.MappingConfig;
import io.deltabridge.core.delta.TableUris;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.pipeline.ClientIds;
import io.deltabridge.core.pipeline.Pipeline;
import io.deltabridge.core.pipeline.PipelineStatus;
import io.deltabridge.core.pipeline.Plan;
import io.deltabridge.core.pipeline.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kafka → delta for a {@code kafka-pattern} mapping whose table path holds {@code {topic}}: a
 * {@link KafkaToDeltaPipeline} per matching topic ({@link KafkaToDeltaMapping#forTopic}), each with its own table,
 * consumer group and stored offsets, so exactly once holds per table as for any mapping. A continuous run looks for
 * new matching topics every {@code metadata.max.age.ms} of the mapping's consumers (when a one-table pattern finds
 * them too) and starts their pipelines; a bounded run writes the topics matching at its start. A continuous run
 * ends when one of its pipelines fails: the mapping fails as one.
 */
final class TopicTablesPipeline implements Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(TopicTablesPipeline.class);

    private final KafkaToDeltaMapping mapping;
    private final KafkaClientFactory kafka;
    private final String clientId;
    private final Function<KafkaToDeltaMapping, KafkaToDeltaPipeline> build;
    private final Map<String, KafkaToDeltaPipeline> byTopic = new ConcurrentHashMap<>();
    private volatile boolean stopRequested;
    private volatile TopicRuns running;

    /**
     * @param kafka the mapping's clients (with its own {@code consumer:} settings)
     * @param build the pipeline of one topic's mapping
     */
    TopicTablesPipeline(
            String bridge,
            KafkaToDeltaMapping mapping,
            KafkaClientFactory kafka,
            Function<KafkaToDeltaMapping, KafkaToDeltaPipeline> build) {
        this.mapping = mapping;
        this.kafka = kafka;
        this.clientId = ClientIds.of(bridge, mapping.name()) + ".topics";
        this.build = build;
    }

    @Override
    public MappingConfig mapping() {
        return mapping;
    }

    @Override
    public RunSummary runOnce() {
        return run(new TopicRuns("once", Pipeline::runOnce), false);
    }

    @Override
    public RunSummary runContinuously() {
        return run(new TopicRuns("run", Pipeline::runContinuously), true);
    }

    private RunSummary run(TopicRuns runs, boolean continuous) {
        long started = System.nanoTime();
        running = runs;
        RuntimeException failure = null;
        try (Consumer<byte[], byte[]> lister = kafka.consumer(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId))) {
            List<String> topics = new ArrayList<>();
            do {
                for (String topic : matching(lister, continuous)) {
                    if (!topics.contains(topic) && !stopRequested) {
                        LOG.info("Mapping '{}': topic {} goes to table {}", mapping.name(), topic, tableOf(topic));
                        runs.start(pipeline(topic));
                        topics.add(topic);
                    }
                }
                if (continuous && !stopRequested) {
                    runs.await(lookEvery());
                }
            } while (continuous && !stopRequested && !runs.failed());
            if (topics.isEmpty()) {
                LOG.info(
                        "Mapping '{}': no topic matches `{}`; nothing to read",
                        mapping.name(),
                        mapping.topicPattern().orElseThrow());
            }
        } catch (RuntimeException e) {
            failure = ConsumeFailures.reportable(mapping.name(), e);
        } finally {
            if (continuous || failure != null) {
                runs.stop();
            }
            stopRequested = false; // here, not at the start: a stop requested before the run began must end it
        }
        return runs.finish(mapping.name(), started, failure);
    }

    /** The topics matching now; in a continuous run, none when the broker cannot say (the next look asks again). */
    private List<String> matching(Consumer<byte[], byte[]> lister, boolean continuous) {
        try {
            return SourceTopics.existing(mapping, lister);
        } catch (RuntimeException e) {
            if (!continuous || !ConsumeFailures.isTransient(e)) {
                throw e;
            }
            LOG.warn(
                    "Mapping '{}': cannot list the topics ({}); looking again in {}",
                    mapping.name(),
                    e.getMessage(),
                    lookEvery());
            return List.of();
        }
    }

    /** How often a continuous run looks for new topics: the consumers' metadata refresh. */
    private Duration lookEvery() {
        String set = kafka.settings(ClientRole.CONSUMER).get(ConsumerConfig.METADATA_MAX_AGE_CONFIG);
        return Duration.ofMillis(
                set != null
                        ? Long.parseLong(set.trim())
                        : (Long)
                                ConsumerConfig.configDef().defaultValues().get(ConsumerConfig.METADATA_MAX_AGE_CONFIG));
    }

    private KafkaToDeltaPipeline pipeline(String topic) {
        return byTopic.computeIfAbsent(topic, t -> build.apply(mapping.forTopic(t)));
    }

    private String tableOf(String topic) {
        return TableUris.normalize(mapping.forTopic(topic).table());
    }

    @Override
    public void stop() {
        stopRequested = true;
        TopicRuns runs = running;
        if (runs != null) {
            runs.stop();
            runs.wake();
        }
    }

    /** The statuses of the topics matching now as one: their partitions' positions, their lags summed. */
    @Override
    public PipelineStatus status() {
        Map<String, Long> position = new TreeMap<>();
        Map<String, Long> latest = new TreeMap<>();
        long lag = 0;
        Instant lastCommit = null;
        for (String topic : matchingNow()) {
            PipelineStatus s = pipeline(topic).status();
            position.putAll(s.position());
            latest.putAll(s.latest());
            lag += s.lag();
            Instant at = s.lastCommit().orElse(null);
            if (at != null && (lastCommit == null || at.isAfter(lastCommit))) {
                lastCommit = at;
            }
        }
        return new PipelineStatus(
                mapping.name(), "kafka-to-delta", position, latest, lag, Optional.ofNullable(lastCommit));
    }

    /** Each matching topic's table and its pipeline's plan. */
    @Override
    public Plan validate() {
        List<String> lines = new ArrayList<>();
        String pattern = mapping.topicPattern().orElseThrow();
        lines.add("one table per topic matching `" + pattern + "`: " + mapping.table());
        List<String> topics = matchingNow();
        for (String topic : topics) {
            KafkaToDeltaPipeline p = pipeline(topic);
            lines.add("topic " + topic + " → table " + tableOf(topic) + " (mapping "
                    + p.mapping().name() + ")");
            p.validate().lines().forEach(line -> lines.add("  " + line));
        }
        lines.add(
                topics.isEmpty()
                        ? "no topic matches `" + pattern + "` yet: each topic created later that matches gets its table"
                        : "topics created later that match `" + pattern + "` get their tables too");
        return new Plan(mapping.name(), lines);
    }

    private List<String> matchingNow() {
        try (Consumer<byte[], byte[]> lister = kafka.consumer(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId))) {
            return SourceTopics.existing(mapping, lister);
        }
    }

    @Override
    public void close() {
        stop();
        byTopic.values().forEach(KafkaToDeltaPipeline::close);
    }

    @Override
    public String toString() {
        return "kafka→delta " + mapping.name() + " " + mapping.sourceDescription() + " → " + mapping.table();
    }
}
