package io.deltabridge.k2d;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.ConfigOptions;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.KeyFormat;
import io.deltabridge.core.config.Mode;
import io.deltabridge.core.config.OnError;
import io.deltabridge.core.config.OnOffsetGap;
import io.deltabridge.core.config.StartingOffsets;
import io.deltabridge.core.config.TopicTables;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.delta.LogStores;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.kafka.PropertiesKafkaClientFactory;
import io.deltabridge.core.lineage.openlineage.LineageEmitter;
import io.deltabridge.core.metrics.MappingMeters;
import io.deltabridge.core.pipeline.BridgeContext;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Embedding entry point for kafka → delta:
 *
 * <pre>{@code
 * try (KafkaToDeltaPipeline p = KafkaToDelta.builder()
 *         .bridgeName("shop").name("orders-in")
 *         .kafka(Map.of("bootstrap.servers", "localhost:9092"))
 *         .topics("orders").table("/lake/bronze/orders").create(true)
 *         .schema("order_id BIGINT NOT NULL, order_date DATE, amount DECIMAL(12,2)")
 *         .partitionBy("order_date").deadLetterTopic("orders-dlq")
 *         .build()) {
 *     p.runOnce();
 * }
 * }</pre>
 *
 * Either give a whole {@link KafkaToDeltaMapping} with {@link Builder#mapping} (and the shared
 * clients with {@link Builder#context}), or the settings one by one.
 */
public final class KafkaToDelta {
    /** Kernel's default Parquet writer setting that rolls files at this many bytes. */
    static final String TARGET_FILE_SIZE_KEY = "delta.kernel.default.parquet.writer.targetMaxFileSize";

    private KafkaToDelta() {}

    public static Builder builder() {
        return new Builder();
    }

    /** A Kernel engine of the {@code delta:} settings writing Parquet files of {@code targetFileSize} bytes. */
    static Engine engine(Map<String, String> deltaSettings, long targetFileSize) {
        Map<String, String> settings = new HashMap<>(deltaSettings);
        settings.put(TARGET_FILE_SIZE_KEY, Long.toString(targetFileSize));
        return DeltaEngines.create(settings);
    }

    /** Collects the settings of one pipeline; {@link #build()} validates them. */
    public static final class Builder {
        private String bridgeName = "deltabridge";
        private KafkaToDeltaMapping mapping;
        private String name;
        private final List<String> topics = new ArrayList<>();
        private String topicPattern;
        private String table;
        private boolean create;
        private final List<String> partitionBy = new ArrayList<>();
        private String schema;
        private final Map<String, String> tableProperties = new HashMap<>();
        private Format format = Format.JSON;
        private boolean lineageColumns = true;
        private String deadLetterTopic;
        private OnError onError;
        private OnOffsetGap onOffsetGap = ConfigOptions.ON_OFFSET_GAP.defaultValue();
        private StartingOffsets startingOffsets = ConfigOptions.STARTING_OFFSETS.defaultValue();
        private FlushPolicy flush = FlushPolicy.DEFAULT;
        private List<String> key = List.of();
        private KeyFormat keyFormat;
        private Envelope envelope = Envelope.ROW;
        private long targetFileSize = 128L << 20;
        private boolean singleWriter;
        private Map<String, String> kafkaSettings = Map.of();
        private KafkaClientFactory kafkaClients;
        private Map<String, String> deltaSettings = Map.of();
        private Engine engine;
        private SchemaRegistryClient registry;
        private PipelineListener listener = PipelineListener.NONE;
        private MeterRegistry meterRegistry = new SimpleMeterRegistry();
        private LineageEmitter lineage = LineageEmitter.NONE;
        private FaultPoints faults = FaultPoints.NONE;
        private int chunkRows = KafkaToDeltaPipeline.CHUNK_ROWS;
        private String clientsOf;

        private Builder() {}

        /** Takes the bridge name, Kafka clients, Delta settings, registry and listener from the bridge. */
        public Builder context(BridgeContext context) {
            bridgeName = context.config().name();
            kafkaClients = context.kafka();
            deltaSettings = context.config().delta();
            registry = context.schemaRegistry().orElse(null);
            listener = context.listener();
            meterRegistry = context.meterRegistry();
            lineage = context.lineage();
            return this;
        }

        public Builder mapping(KafkaToDeltaMapping m) {
            this.mapping = m;
            return this;
        }

        public Builder bridgeName(String v) {
            this.bridgeName = v;
            return this;
        }

        public Builder name(String v) {
            this.name = v;
            return this;
        }

        public Builder topics(String... v) {
            this.topics.addAll(List.of(v));
            return this;
        }
        /**
         * Reads every topic whose whole name matches this Java regular expression instead of {@link #topics}, including
         * topics created while the pipeline runs (the mapping file's {@code from.kafka-pattern}).
         */
        public Builder topicPattern(String regex) {
            this.topicPattern = regex;
            return this;
        }

        public Builder table(String v) {
            this.table = v;
            return this;
        }

        public Builder create(boolean v) {
            this.create = v;
            return this;
        }

        public Builder partitionBy(String... v) {
            this.partitionBy.addAll(List.of(v));
            return this;
        }

        public Builder schema(String ddl) {
            this.schema = ddl;
            return this;
        }

        public Builder tableProperty(String key, String value) {
            this.tableProperties.put(key, value);
            return this;
        }

        public Builder format(Format v) {
            this.format = v;
            return this;
        }

        public Builder lineageColumns(boolean v) {
            this.lineageColumns = v;
            return this;
        }

        public Builder deadLetterTopic(String v) {
            this.deadLetterTopic = v;
            return this;
        }

        public Builder onError(OnError v) {
            this.onError = v;
            return this;
        }

        public Builder onOffsetGap(OnOffsetGap v) {
            this.onOffsetGap = v;
            return this;
        }
        /** Where reading starts in a partition the table stores no offset for. */
        public Builder startingOffsets(StartingOffsets v) {
            this.startingOffsets = v;
            return this;
        }

        public Builder flush(FlushPolicy v) {
            this.flush = v;
            return this;
        }
        /** {@code mode: upsert}: records are changes applied by these key columns. */
        public Builder upsert(String... keyColumns) {
            this.key = List.of(keyColumns);
            return this;
        }
        /** With upsert: the Kafka key's format (default: same as {@link #format}). */
        public Builder keyFormat(KeyFormat v) {
            this.keyFormat = v;
            return this;
        }
        /** With upsert: the shape of the change events. */
        public Builder envelope(Envelope v) {
            this.envelope = v;
            return this;
        }

        public Builder targetFileSize(long bytes) {
            this.targetFileSize = bytes;
            return this;
        }
        /**
         * Declares this pipeline the table's only writer, which a log store that keeps no second writer out requires
         * (the mapping file's {@code single-writer: true}); without it such a store is refused by {@link #build()}.
         */
        public Builder singleWriter(boolean v) {
            this.singleWriter = v;
            return this;
        }
        /** Kafka client settings (bootstrap.servers, security ...), used for every client. */
        public Builder kafka(Map<String, String> settings) {
            this.kafkaSettings = Map.copyOf(settings);
            return this;
        }

        public Builder kafkaClients(KafkaClientFactory v) {
            this.kafkaClients = v;
            return this;
        }
        /** Where the pipeline's meters go ({@link io.deltabridge.core.metrics.BridgeMeter}); a private registry by default. */
        public Builder meterRegistry(MeterRegistry v) {
            this.meterRegistry = v;
            return this;
        }
        /** Hadoop / Delta Kernel settings (e.g. fs.s3a.*). */
        public Builder delta(Map<String, String> settings) {
            this.deltaSettings = Map.copyOf(settings);
            return this;
        }
        /** A Kernel engine to use as it is (then {@code targetFileSize} is the engine's own setting). */
        public Builder engine(Engine v) {
            this.engine = v;
            return this;
        }

        public Builder schemaRegistry(SchemaRegistryClient v) {
            this.registry = v;
            return this;
        }

        public Builder listener(PipelineListener v) {
            this.listener = v;
            return this;
        }

        Builder faults(FaultPoints v) {
            this.faults = v;
            return this;
        }

        /** Tests use tiny chunks so that every batch crosses several hand-overs to the writer thread. */
        Builder chunkRows(int rows) {
            this.chunkRows = rows;
            return this;
        }

        /** The clients of mapping {@code name}'s settings instead of the pipeline's own (a topic of a per-topic pattern). */
        Builder clientsOf(String name) {
            this.clientsOf = name;
            return this;
        }

        public KafkaToDeltaPipeline build() {
            KafkaToDeltaMapping m = mapping != null ? mapping : assemble();
            if (m.table().contains(TopicTables.PLACEHOLDER)) {
                throw Problem.of("Pipeline '%s' would write one table per topic (%s)", m.name(), m.table())
                        .because("a KafkaToDeltaPipeline writes one table")
                        .fix(
                                "run the mapping with Bridge (Bridge.fromConfig(..)), which starts a pipeline per matching topic, "
                                        + "or build a pipeline per topic with its table")
                        .config();
            }
            KafkaClientFactory clients = (kafkaClients != null
                            ? kafkaClients
                            : new PropertiesKafkaClientFactory(kafkaSettings))
                    .forMapping(clientsOf != null ? clientsOf : m.name());
            // the target file size is a setting of Kernel's Parquet writer, so each pipeline gets its engine
            Engine e = engine != null ? engine : KafkaToDelta.engine(deltaSettings, m.targetFileSize());
            return new KafkaToDeltaPipeline(
                    bridgeName,
                    m,
                    e,
                    clients,
                    Optional.ofNullable(registry),
                    listener,
                    new MappingMeters(meterRegistry, bridgeName, m.name()),
                    faults,
                    chunkRows,
                    lineage);
        }

        private KafkaToDeltaMapping assemble() {
            if (name == null || topics.isEmpty() == (topicPattern == null) || table == null) {
                throw Problem.of("The kafka → delta pipeline is incomplete")
                        .because(
                                "name, topics or a topic pattern (one of them), and table are required (got name=%s, topics=%s, "
                                        + "topicPattern=%s, table=%s)",
                                name, topics, topicPattern, table)
                        .fix("call name(..), topics(..) or topicPattern(..), and table(..) on the builder")
                        .config();
            }
            OnError errors = onError != null ? onError : deadLetterTopic != null ? OnError.DEAD_LETTER : OnError.FAIL;
            KafkaToDeltaMapping m = new KafkaToDeltaMapping(
                    name,
                    0,
                    topics,
                    table,
                    create,
                    partitionBy,
                    Optional.ofNullable(schema),
                    tableProperties,
                    format,
                    lineageColumns,
                    Optional.ofNullable(deadLetterTopic),
                    errors,
                    flush,
                    targetFileSize,
                    onOffsetGap);
            LogStores.LogStore store = LogStores.inEffect(table, deltaSettings);
            if (!store.exclusive() && !singleWriter) {
                throw LogStores.unsafeWriter(name, table, store).config();
            }
            KeyFormat keys = keyFormat != null ? keyFormat : format == Format.AVRO ? KeyFormat.AVRO : KeyFormat.JSON;
            m = (key.isEmpty() ? m : m.withMode(Mode.UPSERT, key, keys, envelope)).startingAt(startingOffsets);
            return topicPattern == null ? m : m.readingPattern(compiled(topicPattern));
        }

        private String compiled(String regex) {
            try {
                Pattern.compile(regex);
                return regex;
            } catch (PatternSyntaxException e) {
                throw Problem.of("The topic pattern of pipeline '%s' is not a valid regular expression", name)
                        .because("%s", e.getMessage())
                        .fix(
                                "pass a Java regular expression matching whole topic names to topicPattern(..), e.g. \"orders\\\\..*\"")
                        .config();
            }
        }
    }
}
