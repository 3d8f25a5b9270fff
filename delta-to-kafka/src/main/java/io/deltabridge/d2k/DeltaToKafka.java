package io.deltabridge.d2k;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.ConfigSource;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.HeaderSet;
import io.deltabridge.core.config.KeyFormat;
import io.deltabridge.core.config.StartingVersion;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.delta.TableUris;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.kafka.PropertiesKafkaClientFactory;
import io.deltabridge.core.lineage.openlineage.DatasetId;
import io.deltabridge.core.lineage.openlineage.LineageEmitter;
import io.deltabridge.core.lineage.openlineage.MappingLineage;
import io.deltabridge.core.metrics.MappingMeters;
import io.deltabridge.core.pipeline.BridgeContext;
import io.deltabridge.core.pipeline.ClientIds;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The delta → kafka facade for embedding:
 *
 * <pre>{@code
 * try (DeltaToKafkaPipeline p = DeltaToKafka.builder()
 *         .table("/lake/gold/churn_scores").topic("churn-scores").key("customer_id")
 *         .format(Format.JSON).changes(ChangeKind.INSERT, ChangeKind.UPDATE, ChangeKind.DELETE)
 *         .kafka(Map.of("bootstrap.servers", "localhost:9092"))
 *         .listener(myListener)
 *         .build()) {
 *     p.runOnce();
 * }
 * }</pre>
 *
 * or from a parsed mapping file: {@link #create(BridgeContext, DeltaToKafkaMapping)}.
 */
public final class DeltaToKafka {
    /** Events per transaction when not configured: large versions split above this. */
    public static final long DEFAULT_MAX_RECORDS_PER_TRANSACTION = 1_000_000;

    private DeltaToKafka() {}

    public static Builder builder() {
        return new Builder();
    }

    /** A pipeline for one mapping of a mapping file. */
    public static DeltaToKafkaPipeline create(BridgeContext context, DeltaToKafkaMapping mapping) {
        return builder().context(context).mapping(mapping).build();
    }

    /** Configures one delta → kafka pipeline; {@code table}, {@code topic} and {@code key} are required. */
    public static final class Builder {
        private String bridgeName = "deltabridge";
        private String mappingName;
        private int mappingIndex;
        private String table;
        private String topic;
        private List<String> key = List.of();
        private Format format = Format.JSON;
        private KeyFormat keyFormat;
        private Set<ChangeKind> changes = EnumSet.of(ChangeKind.INSERT, ChangeKind.UPDATE);
        private Envelope envelope = Envelope.ROW;
        private HeaderSet headers = HeaderSet.ALL;
        private Optional<List<String>> columns = Optional.empty();
        private StartingVersion startingVersion = new StartingVersion.Earliest();
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration activePollInterval = PollSchedule.ACTIVE;
        private long maxRecordsPerTransaction = DEFAULT_MAX_RECORDS_PER_TRANSACTION;
        private String progressTopic = BridgeConfig.DEFAULT_PROGRESS_TOPIC;
        private boolean resetProgress;
        private KafkaClientFactory kafka;
        private Engine engine;
        private Optional<SchemaRegistryClient> registry = Optional.empty();
        private PipelineListener listener = PipelineListener.NONE;
        private MeterRegistry meterRegistry = new SimpleMeterRegistry();
        private LineageEmitter lineage = LineageEmitter.NONE;
        private ConfigSource configSource = CodeConfigSource.INSTANCE;
        private Supplier<EventFormat> eventFormat;

        private Builder() {}

        /** Everything a mapping file provides: bridge name, Kafka clients, engine, registry, listener, progress topic. */
        public Builder context(BridgeContext context) {
            BridgeConfig config = context.config();
            this.bridgeName = config.name();
            this.progressTopic = config.progressTopic();
            this.configSource = config.source();
            this.kafka = context.kafka();
            this.engine = context.deltaEngine();
            this.registry = context.schemaRegistry();
            this.listener = context.listener();
            this.meterRegistry = context.meterRegistry();
            this.lineage = context.lineage();
            return this;
        }

        /** Every setting of a mapping of the file. */
        public Builder mapping(DeltaToKafkaMapping m) {
            this.mappingName = m.name();
            this.mappingIndex = m.index();
            this.table = m.table();
            this.topic = m.topic();
            this.key = m.key();
            this.format = m.format();
            this.keyFormat = m.keyFormat();
            this.changes = m.changes();
            this.envelope = m.envelope();
            this.headers = m.headers();
            this.columns = m.columns();
            this.startingVersion = m.startingVersion();
            this.pollInterval = m.pollInterval();
            this.maxRecordsPerTransaction = m.maxRecordsPerTransaction();
            return this;
        }

        /** Prefixes the transactional id and the progress key; default {@code deltabridge}. */
        public Builder bridgeName(String name) {
            this.bridgeName = name;
            return this;
        }

        /** Default: the topic name. */
        public Builder mappingName(String name) {
            this.mappingName = name;
            return this;
        }

        /** A path or URI of a Delta table with the change data feed on. */
        public Builder table(String pathOrUri) {
            this.table = pathOrUri;
            return this;
        }

        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        public Builder key(String... columns) {
            this.key = List.of(columns);
            return this;
        }

        public Builder format(Format format) {
            this.format = format;
            return this;
        }

        /** Default: the value format. */
        public Builder keyFormat(KeyFormat keyFormat) {
            this.keyFormat = keyFormat;
            return this;
        }

        public Builder changes(ChangeKind... kinds) {
            this.changes = Set.of(kinds);
            return this;
        }

        public Builder envelope(Envelope envelope) {
            this.envelope = envelope;
            return this;
        }

        /** The headers of each event; default: all of SPEC §7. */
        public Builder headers(HeaderSet headers) {
            this.headers = headers;
            return this;
        }

        /** Projection; the key columns are always included. */
        public Builder columns(String... columns) {
            this.columns = Optional.of(List.of(columns));
            return this;
        }

        /** Where to start when the mapping has no progress; default earliest. */
        public Builder startingVersion(StartingVersion startingVersion) {
            this.startingVersion = startingVersion;
            return this;
        }

        /** Continuous mode: the longest wait between two looks for new versions, when the table is quiet; default 1 s. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        /**
         * Continuous mode: the wait between looks for new versions while they keep coming (for 10 s after the
         * last one); default 50 ms. Set it to the {@link #pollInterval} to look at a fixed interval.
         */
        public Builder activePollInterval(Duration interval) {
            this.activePollInterval = interval;
            return this;
        }

        public Builder maxRecordsPerTransaction(long max) {
            this.maxRecordsPerTransaction = max;
            return this;
        }

        public Builder progressTopic(String topic) {
            this.progressTopic = topic;
            return this;
        }

        /**
         * Publish from {@code starting-version} on the first start, ignoring the stored progress and the
         * mapping's events already in the topic (they are published again); {@code bridge run --reset-progress}.
         */
        public Builder resetProgress(boolean reset) {
            this.resetProgress = reset;
            return this;
        }

        /** Kafka client settings, as in the {@code kafka:} section of a mapping file. */
        public Builder kafka(Map<String, String> settings) {
            this.kafka = new PropertiesKafkaClientFactory(settings);
            return this;
        }

        public Builder kafkaClients(KafkaClientFactory factory) {
            this.kafka = factory;
            return this;
        }

        /** Default: an engine with no extra Hadoop settings. */
        public Builder deltaEngine(Engine engine) {
            this.engine = engine;
            return this;
        }

        /** Required for Avro. */
        public Builder schemaRegistry(SchemaRegistryClient registry) {
            this.registry = Optional.of(registry);
            return this;
        }

        /** Where the pipeline's meters go ({@link io.deltabridge.core.metrics.BridgeMeter}); a private registry by default. */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        public Builder listener(PipelineListener listener) {
            this.listener = listener;
            return this;
        }

        /** How events are encoded; default: from {@code format}, {@code key-format} and {@code columns}. */
        public Builder eventFormat(Supplier<EventFormat> format) {
            this.eventFormat = format;
            return this;
        }

        public DeltaToKafkaPipeline build() {
            require(table, "table");
            require(topic, "topic");
            if (key.isEmpty()) {
                throw Problem.of("No key columns for the delta → kafka pipeline to %s", topic)
                        .fix("set key(...) to the column(s) that identify a row")
                        .config();
            }
            require(kafka, "kafka settings");
            DeltaToKafkaMapping mapping = new DeltaToKafkaMapping(
                    mappingName == null ? topic : mappingName,
                    mappingIndex,
                    table,
                    topic,
                    key,
                    format,
                    keyFormat == null ? KeyFormat.valueOf(format.name()) : keyFormat,
                    changes,
                    envelope,
                    headers,
                    columns,
                    startingVersion,
                    pollInterval,
                    maxRecordsPerTransaction);
            if ((format == Format.AVRO || mapping.keyFormat() == KeyFormat.AVRO) && registry.isEmpty()) {
                throw configSource.errorAt(
                        "mappings[" + mappingIndex + "]." + (format == Format.AVRO ? "format" : "key-format"),
                        Problem.of("Avro for mapping '%s' needs a schema registry", mapping.name())
                                .fix("add 'schema-registry: {url: ...}' to the file (or schemaRegistry(...) on the"
                                        + " builder), or use json"));
            }
            String tableUri = TableUris.normalize(table);
            Engine kernel = engine == null ? DeltaEngines.create(Map.of()) : engine;
            Supplier<EventFormat> formats =
                    eventFormat == null ? () -> EventFormats.create(mapping, tableUri, registry) : eventFormat;
            ChangeStream changes = new FeedChangeStream(new TableFeed(kernel, tableUri), mapping, formats);
            DatasetId topicId = DatasetId.topic(kafka.settings().getOrDefault("bootstrap.servers", ""), topic);
            MappingLineage runs = lineage.forMapping(
                    ClientIds.of(bridgeName, mapping.name()), List.of(DatasetId.table(tableUri)), List.of(topicId));
            return new DeltaToKafkaPipeline(
                    bridgeName,
                    mapping,
                    configSource,
                    tableUri,
                    kafka.forMapping(mapping.name()),
                    progressTopic,
                    changes,
                    listener,
                    new MappingMeters(meterRegistry, bridgeName, mapping.name()),
                    resetProgress,
                    new VersionLineage(runs, mapping, DatasetId.table(tableUri), topicId),
                    registry,
                    activePollInterval);
        }

        private static void require(Object value, String what) {
            if (value == null) {
                throw Problem.of("The delta → kafka pipeline has no %s", what)
                        .fix("set %s on the builder", what)
                        .config();
            }
        }
    }

    /** Locates settings made in code: there is no file, so a location names the setting. */
    private static final class CodeConfigSource implements ConfigSource {
        static final CodeConfigSource INSTANCE = new CodeConfigSource();

        @Override
        public String name() {
            return "<code>";
        }

        @Override
        public String locate(String path) {
            return "<code> (" + path + ")";
        }
    }
}
