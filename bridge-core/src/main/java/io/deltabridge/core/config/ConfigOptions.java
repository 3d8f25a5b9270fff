package io.deltabridge.core.config;

import static io.deltabridge.core.config.ConfigOption.Scope.ANY_MAPPING;
import static io.deltabridge.core.config.ConfigOption.Scope.BRIDGE;
import static io.deltabridge.core.config.ConfigOption.Scope.DELTA_TO_KAFKA;
import static io.deltabridge.core.config.ConfigOption.Scope.KAFKA_TO_DELTA;

import io.deltabridge.core.config.ConfigOption.Scope;
import io.deltabridge.core.config.Node.MapNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every option of the mapping file (SPEC §2), in the order of the reference documentation.
 * Validation, defaults, {@code bridge validate} output and the README's configuration reference all
 * come from this table.
 */
public final class ConfigOptions {
    private static final List<ConfigOption<?>> ALL = new ArrayList<>();

    /** Options under {@code schema-registry} that the bridge does not know are registry client properties. */
    static final String REGISTRY_SECTION = "schema-registry";
    /** Top-level keys with this prefix are ignored: a place for YAML anchors shared by mappings. */
    static final String EXTENSION_PREFIX = "x-";

    // ------------------------------------------------------------------ top level

    public static final ConfigOption<String> NAME = def(
            ConfigOption.of("name", ValueType.NAME, BRIDGE)
                    .asRequired()
                    .withDoc(
                            "Bridge id: prefixes transactional ids (`<name>.<mapping>`), consumer group ids and progress keys."));

    public static final ConfigOption<Map<String, String>> KAFKA =
            def(ConfigOption.of("kafka", ValueType.PROPERTIES, BRIDGE)
                    .asRequired()
                    .withDoc("Kafka client properties handed verbatim to producers, consumers and admin clients "
                            + "(`bootstrap.servers` is required; e.g. `security.protocol`, `sasl.mechanism`, `sasl.jaas.config`). "
                            + "Values are strings; a list becomes a comma-separated string, nested keys are joined with dots. "
                            + "Refused, because the bridge owns them or needs them for exactly once: consumer `enable.auto.commit: true`, "
                            + "`isolation.level` other than `read_committed`, `group.id`, `auto.offset.reset` (see `starting-offsets`); "
                            + "producer `transactional.id`, `enable.idempotence: false`, `acks` other than `all`."));

    public static final ConfigOption<Map<String, String>> PRODUCER =
            def(clientRole("", ClientRole.PRODUCER, BRIDGE, "`linger.ms: 20`"));

    public static final ConfigOption<Map<String, String>> CONSUMER =
            def(clientRole("", ClientRole.CONSUMER, BRIDGE, "`max.poll.records: 2000`"));

    public static final ConfigOption<Map<String, String>> ADMIN =
            def(clientRole("", ClientRole.ADMIN, BRIDGE, "`request.timeout.ms: 60000`"));

    public static final ConfigOption<MapNode> SCHEMA_REGISTRY =
            def(ConfigOption.of(REGISTRY_SECTION, ValueType.SECTION, BRIDGE)
                    .withDoc("A Confluent-Schema-Registry-compatible registry; required when a mapping uses avro "
                            + "(`format` or `key-format`). Any other key containing a dot (e.g. `ssl.truststore.location`, "
                            + "`request.timeout.ms`) is handed to the registry client. Confluent's client keys are accepted too: "
                            + "`basic.auth.credentials.source` (`USER_INFO` or `URL`) with `basic.auth.user.info`, "
                            + "`bearer.auth.credentials.source: STATIC_TOKEN` with `bearer.auth.token` (and `bearer.auth.logical.cluster`, "
                            + "`bearer.auth.identity.pool.id`), `schema.registry.ssl.*` (same as `ssl.*`), `auto.register.schemas` "
                            + "(`false`: schemas must already be registered), `use.latest.version` (`true`, with `auto.register.schemas: false`: "
                            + "delta → kafka Avro rows are written with the subject's latest schema and its id; its fields are matched with "
                            + "the columns by name, a field the table lacks gets its default; `envelope: row` only), "
                            + "`latest.compatibility.strict` (default `true`: the latest schema must be backward compatible with the "
                            + "table's; `false`: each of its fields must be a column of the same or a wider type, or have a default), "
                            + "`key.subject.name.strategy` / `value.subject.name.strategy` (`TopicNameStrategy`, `RecordNameStrategy`, "
                            + "`TopicRecordNameStrategy`). A Confluent key the bridge does not support (OAuth bearer flows, `SASL_INHERIT`, "
                            + "`normalize.schemas`, ...) is an error."));

    public static final ConfigOption<String> REGISTRY_URL =
            def(ConfigOption.of("schema-registry.url", ValueType.STRING, BRIDGE)
                    .asRequired()
                    .withDoc("Base URL of the registry, e.g. `https://registry:8081`."));

    public static final ConfigOption<String> REGISTRY_BASIC_AUTH =
            def(ConfigOption.of("schema-registry.basic-auth", ValueType.STRING, BRIDGE)
                    .asSecret()
                    .withDoc("`user:password` for HTTP basic authentication."));

    public static final ConfigOption<Map<String, String>> DELTA =
            def(ConfigOption.of("delta", ValueType.PROPERTIES, BRIDGE)
                    .withDefault(Map.of())
                    .withDoc("Hadoop / Delta Kernel settings handed verbatim to the engine (e.g. `fs.s3a.endpoint`)."));

    public static final ConfigOption<String> PROGRESS_TOPIC = def(
            ConfigOption.of("progress-topic", ValueType.TOPIC, BRIDGE)
                    .withDefault(BridgeConfig.DEFAULT_PROGRESS_TOPIC)
                    .withDoc(
                            "Compacted topic where delta → kafka mappings record their progress (key `<bridge>/<mapping>`, "
                                    + "partition 0), in the same transaction as the events; an existing topic must have `cleanup.policy=compact`."));

    public static final ConfigOption<List<MapNode>> MAPPINGS = def(ConfigOption.of(
                    "mappings", ValueType.SECTION_LIST, BRIDGE)
            .asRequired()
            .withDoc("The mappings, at least one. Each goes delta → kafka (`from: {delta: ...}`, `to: {kafka: ...}`) "
                    + "or kafka → delta (`from: {kafka: ...}`, `to: {delta: ...}`)."));

    // ------------------------------------------------------------------ every mapping

    public static final ConfigOption<String> MAPPING_NAME = def(ConfigOption.of(
                    "mappings[].name", ValueType.NAME, ANY_MAPPING)
            .asRequired()
            .withDoc("Unique within the file; with the bridge name it forms the transactional id (delta → kafka) "
                    + "or the consumer group id (kafka → delta): `<bridge name>.<mapping name>`."));

    public static final ConfigOption<MapNode> FROM =
            def(ConfigOption.of("mappings[].from", ValueType.SECTION, ANY_MAPPING)
                    .asRequired()
                    .withDoc("Where the mapping reads: exactly one of `delta`, `kafka` or `kafka-pattern`."));

    public static final ConfigOption<String> FROM_DELTA =
            def(ConfigOption.of("mappings[].from.delta", ValueType.STRING, DELTA_TO_KAFKA)
                    .withDoc(
                            "Path or URI of the Delta table whose Change Data Feed is published (`s3a://lake/gold/t`, `/lake/t`); "
                                    + "makes the mapping delta → kafka."));

    public static final ConfigOption<List<String>> FROM_KAFKA =
            def(ConfigOption.of("mappings[].from.kafka", ValueType.listOf(ValueType.TOPIC), KAFKA_TO_DELTA)
                    .withDoc("The topic, or list of topics, consumed; makes the mapping kafka → delta."));

    public static final ConfigOption<String> FROM_KAFKA_PATTERN = def(
            ConfigOption.of("mappings[].from.kafka-pattern", ValueType.STRING, KAFKA_TO_DELTA)
                    .withDoc(
                            "A Java regular expression matched against whole topic names (`orders\\..*`, in YAML double quotes "
                                    + "`\"orders\\\\..*\"`): every matching topic is consumed into the one table, `_kafka_topic` telling "
                                    + "which topic a row came from, or each into a table of its own when `to.delta` holds `{topic}`; makes the mapping kafka → delta. Topics created while the bridge runs are "
                                    + "picked up at the consumer's next metadata refresh (`metadata.max.age.ms`, Kafka's default 5 minutes; "
                                    + "lower it under `consumer:`) and read from where `starting-offsets` says. Internal topics (`__*`) never match. "
                                    + "With `--once` the run reads the topics matching at its start, up to their end offsets then."));

    public static final ConfigOption<MapNode> TO = def(ConfigOption.of("mappings[].to", ValueType.SECTION, ANY_MAPPING)
            .asRequired()
            .withDoc("Where the mapping writes: exactly one of `kafka` or `delta`, the other side of `from`."));

    public static final ConfigOption<String> TO_KAFKA =
            def(ConfigOption.of("mappings[].to.kafka", ValueType.TOPIC, DELTA_TO_KAFKA)
                    .withDoc("The topic the changes are published to."));

    public static final ConfigOption<String> TO_DELTA = def(ConfigOption.of(
                    "mappings[].to.delta", ValueType.STRING, KAFKA_TO_DELTA)
            .withDoc("Path or URI of the Delta table appended to. With `from.kafka-pattern` it may hold `{topic}` "
                    + "(`s3a://lake/bronze/{topic}`; not in the Kafka Connect sink): each matching topic then goes to a table of its own, the path with the "
                    + "topic's name in place of `{topic}` (created when `create: true`, also for topics created while the bridge "
                    + "runs); without it every matching topic goes to this one table."));

    public static final ConfigOption<Boolean> TO_CREATE =
            def(ConfigOption.of("mappings[].to.create", ValueType.BOOLEAN, KAFKA_TO_DELTA)
                    .withDefault(false)
                    .withDoc("Create the table if it does not exist."));

    public static final ConfigOption<List<String>> TO_PARTITION_BY =
            def(ConfigOption.of("mappings[].to.partition-by", ValueType.listOf(ValueType.STRING), KAFKA_TO_DELTA)
                    .withDefault(List.of())
                    .withDoc("Partition columns of a table created by the bridge."));

    public static final ConfigOption<String> TO_SCHEMA = def(ConfigOption.of(
                    "mappings[].to.schema", ValueType.STRING, KAFKA_TO_DELTA)
            .withDoc("Spark-style DDL of the table (`order_id BIGINT NOT NULL, amount DECIMAL(12,2)`); needed for "
                    + "`format: json` when the table does not exist yet; avro takes the schema from the registry."));

    public static final ConfigOption<Map<String, String>> TO_TABLE_PROPERTIES =
            def(ConfigOption.of("mappings[].to.table-properties", ValueType.PROPERTIES, KAFKA_TO_DELTA)
                    .withDefault(Map.of())
                    .withDoc(
                            "Delta table properties set when the bridge creates the table, e.g. `delta.enableChangeDataFeed: true`; "
                                    + "with `mode: upsert` also `delta.enableDeletionVectors: true` unless set here (merge-on-read; "
                                    + "`\"false\"`: copy-on-write)."));

    public static final ConfigOption<Long> TO_TARGET_FILE_SIZE = def(ConfigOption.of(
                    "mappings[].to.target-file-size", ValueType.SIZE, KAFKA_TO_DELTA)
            .withDefault(128L << 20)
            .withDoc("Target size of the Parquet files written; a flush writes several files when it is larger."));

    public static final ConfigOption<Format> FORMAT = def(ConfigOption.of(
                    "mappings[].format", ValueType.enumeration(Format.class), ANY_MAPPING)
            .withDefault(Format.JSON)
            .withDoc("Value format of the Kafka records: JSON (SPEC §7 encoding) or Avro in the Confluent wire format "
                    + "(needs `schema-registry`)."));

    public static final ConfigOption<List<String>> KEY = def(
            ConfigOption.of("mappings[].key", ValueType.listOf(ValueType.STRING), ANY_MAPPING)
                    .withDefaultRule("required for delta → kafka and with `mode: upsert`")
                    .withDoc(
                            "The key column, or list of key columns. delta → kafka: they form the Kafka record key. "
                                    + "kafka → delta with `mode: upsert`: they identify a row; a tombstone's key is read from the Kafka key."));

    public static final ConfigOption<KeyFormat> KEY_FORMAT = def(
            ConfigOption.of("mappings[].key-format", ValueType.enumeration(KeyFormat.class), ANY_MAPPING)
                    .withDefaultRule("same as `format`")
                    .withDoc(
                            "Format of the Kafka record key (SPEC §4: a JSON object or Avro record of the key columns, or `string`: "
                                    + "the single key column's value as text); kafka → delta reads it with `mode: upsert`."));

    public static final ConfigOption<Envelope> ENVELOPE =
            def(ConfigOption.of("mappings[].envelope", ValueType.enumeration(Envelope.class), ANY_MAPPING)
                    .withDefault(Envelope.ROW)
                    .withDoc(
                            "`row`: the value is the row itself (change type, version and time travel in headers; a tombstone deletes "
                                    + "its key); `debezium`: `before` / `after` / `op` / `source` / `ts_ms`. kafka → delta reads "
                                    + "`debezium` with `mode: upsert` only."));

    public static final ConfigOption<Map<String, String>> MAPPING_PRODUCER =
            def(clientRole("mappings[].", ClientRole.PRODUCER, ANY_MAPPING, "`compression.type: zstd`"));

    public static final ConfigOption<Map<String, String>> MAPPING_CONSUMER =
            def(clientRole("mappings[].", ClientRole.CONSUMER, ANY_MAPPING, "`fetch.max.bytes: 104857600`"));

    public static final ConfigOption<Map<String, String>> MAPPING_ADMIN =
            def(clientRole("mappings[].", ClientRole.ADMIN, ANY_MAPPING, "`request.timeout.ms: 60000`"));

    // ------------------------------------------------------------------ delta → kafka

    public static final ConfigOption<List<ChangeKind>> CHANGES = def(
            ConfigOption.of(
                            "mappings[].changes",
                            ValueType.listOf(ValueType.enumeration(ChangeKind.class)),
                            DELTA_TO_KAFKA)
                    .withDefault(List.of(ChangeKind.INSERT, ChangeKind.UPDATE))
                    .withDoc(
                            "Change types published: `update` is the row after the update; add `delete` to publish tombstones."));

    public static final ConfigOption<HeaderSet> HEADERS = def(
            ConfigOption.of("mappings[].headers", ValueType.enumeration(HeaderSet.class), DELTA_TO_KAFKA)
                    .withDefault(HeaderSet.ALL)
                    .withDoc(
                            "Headers on each event: `all` (the 13 of SPEC §7: the `deltabridge.*` lineage, CloudEvents' `ce_*` and "
                                    + "`content-type`) or `lineage` (the seven `deltabridge.*` only, for consumers that do not read CloudEvents: "
                                    + "a fifth to a third less producer CPU per event, docs/benchmarks.md, Cheaper events)."));

    public static final ConfigOption<List<String>> COLUMNS =
            def(ConfigOption.of("mappings[].columns", ValueType.listOf(ValueType.STRING), DELTA_TO_KAFKA)
                    .withDefaultRule("all columns")
                    .withDoc("Projection of the published columns; the key columns are always included."));

    public static final ConfigOption<StartingVersion> STARTING_VERSION = def(ConfigOption.of(
                    "mappings[].starting-version", ValueType.STARTING_VERSION, DELTA_TO_KAFKA)
            .withDefault(new StartingVersion.Earliest())
            .withDoc("Where to start when the mapping has no progress yet. A timestamp starts at the first version "
                    + "committed at or after it; without an offset it is UTC, a date alone is its midnight UTC."));

    public static final ConfigOption<Duration> POLL_INTERVAL =
            def(ConfigOption.of("mappings[].poll-interval", ValueType.DURATION, DELTA_TO_KAFKA)
                    .withDefault(Duration.ofSeconds(1))
                    .withDoc(
                            "Continuous mode: the longest wait between two looks for new table versions (each look lists the table's "
                                    + "_delta_log: one LIST request on object stores), used while the table is idle; while versions keep coming, and "
                                    + "for 10 s after the last, the bridge looks every 50 ms."));

    public static final ConfigOption<Long> MAX_TRANSACTION_RECORDS =
            def(ConfigOption.of("mappings[].max-transaction-records", ValueType.POSITIVE_LONG, DELTA_TO_KAFKA)
                    .withDefault(1_000_000L)
                    .withDoc("A table version with more events than this is published in several transactions, "
                            + "with a resumable position inside the version."));

    // ------------------------------------------------------------------ kafka → delta

    public static final ConfigOption<Boolean> LINEAGE_COLUMNS = def(
            ConfigOption.of("mappings[].lineage-columns", ValueType.BOOLEAN, KAFKA_TO_DELTA)
                    .withDefault(true)
                    .withDoc(
                            "Add `_kafka_topic`, `_kafka_partition`, `_kafka_offset`, `_kafka_timestamp` and `_lineage` columns."));

    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            def(ConfigOption.of("mappings[].dead-letter-topic", ValueType.TOPIC, KAFKA_TO_DELTA)
                    .withDoc("Where records that cannot be decoded or mapped go, unchanged, with `deltabridge.error.*` "
                            + "and `deltabridge.source.*` headers."));

    public static final ConfigOption<OnError> ON_ERROR = def(ConfigOption.of(
                    "mappings[].on-error", ValueType.enumeration(OnError.class), KAFKA_TO_DELTA)
            .withDefaultRule("`dead-letter` when `dead-letter-topic` is set, else `fail`")
            .withDoc("What to do with a record that cannot be decoded or mapped: send it to `dead-letter-topic`, "
                    + "or stop the run (exit code 3) without committing anything after it."));

    public static final ConfigOption<OnOffsetGap> ON_OFFSET_GAP =
            def(ConfigOption.of("mappings[].on-offset-gap", ValueType.enumeration(OnOffsetGap.class), KAFKA_TO_DELTA)
                    .withDefault(OnOffsetGap.FAIL)
                    .withDoc(
                            "What to do when an offset stored in the table is below the partition's log start (retention deleted "
                                    + "records never read) or above its end (topic recreated): stop (exit code 3, naming topic, partition, "
                                    + "stored offset and the log's range), or `skip`: resume at the log start, logging and counting "
                                    + "the offsets skipped (meter `deltabridge.offsets.skipped.gap`)."));

    public static final ConfigOption<StartingOffsets> STARTING_OFFSETS = def(
            ConfigOption.of("mappings[].starting-offsets", ValueType.enumeration(StartingOffsets.class), KAFKA_TO_DELTA)
                    .withDefault(StartingOffsets.EARLIEST)
                    .withDoc(
                            "Where reading starts in a partition the table stores no offset for (a new mapping, or a partition added "
                                    + "to a topic): `earliest`, the log start, or `latest`, the partition's end when the mapping first sees "
                                    + "it. The start is stored in the table at the next commit, so a restart continues from it."));

    public static final ConfigOption<Boolean> SINGLE_WRITER = def(
            ConfigOption.of("mappings[].single-writer", ValueType.BOOLEAN, KAFKA_TO_DELTA)
                    .withDefault(false)
                    .withDoc(
                            "Declares that this mapping runs as ONE instance and nothing else writes its table. Required (else a "
                                    + "configuration error) when the table's log store does not keep writers of different processes apart "
                                    + "(e.g. `io.delta.storage.S3SingleDriverLogStore` set under `delta:` for an S3-compatible store without "
                                    + "conditional writes): there two writers silently lose commits. See docs/object-stores.md."));

    public static final ConfigOption<Mode> MODE =
            def(ConfigOption.of("mappings[].mode", ValueType.enumeration(Mode.class), KAFKA_TO_DELTA)
                    .withDefault(Mode.APPEND)
                    .withDoc(
                            "`append`: every record is a new row. `upsert`: records are changes applied by `key` in offset order "
                                    + "(producers must send all changes of a key to one partition): an insert or update replaces the row "
                                    + "with its key, a delete removes it; within a commit the last change per key wins. With `envelope: row` "
                                    + "a value is the new row, a tombstone deletes the Kafka key's row, and records with a "
                                    + "`deltabridge.change.type` header are applied as it says."));

    public static final ConfigOption<MapNode> FLUSH =
            def(ConfigOption.of("mappings[].flush", ValueType.SECTION, KAFKA_TO_DELTA)
                    .withDoc("When a batch is committed to the table: whichever limit is reached first."));

    public static final ConfigOption<Long> FLUSH_MAX_RECORDS =
            def(ConfigOption.of("mappings[].flush.max-records", ValueType.POSITIVE_LONG, KAFKA_TO_DELTA)
                    .withDefault(FlushPolicy.DEFAULT.maxRecords())
                    .withDoc("Records per commit."));

    public static final ConfigOption<Long> FLUSH_MAX_BYTES = def(ConfigOption.of(
                    "mappings[].flush.max-bytes", ValueType.SIZE, KAFKA_TO_DELTA)
            .withDefault(FlushPolicy.DEFAULT.maxBytes())
            .withDoc("Bytes per commit, counted as the rows take in memory once decoded (not as Kafka record sizes). "
                    + "The rows are written to Parquet in chunks of at most 16 MiB while the batch grows, so memory stays "
                    + "bounded whatever this limit and the number of partition values."));

    public static final ConfigOption<Duration> FLUSH_MAX_INTERVAL =
            def(ConfigOption.of("mappings[].flush.max-interval", ValueType.DURATION, KAFKA_TO_DELTA)
                    .withDefault(FlushPolicy.DEFAULT.maxInterval())
                    .withDoc("Time between commits while records arrive."));

    // ------------------------------------------------------------------ openlineage (SPEC §8)

    public static final ConfigOption<MapNode> OPENLINEAGE =
            def(ConfigOption.of("openlineage", ValueType.SECTION, BRIDGE)
                    .withDoc(
                            "Send an OpenLineage run event (START, then COMPLETE, FAIL or ABORT) for each table version published "
                                    + "(delta → kafka) and each commit to a table (kafka → delta); see docs/lineage.md. Delivery never stops "
                                    + "or slows the data: an event that cannot be delivered is logged and counted."));

    public static final ConfigOption<OpenLineageConfig.Transport> OPENLINEAGE_TRANSPORT = def(ConfigOption.of(
                    "openlineage.transport", ValueType.enumeration(OpenLineageConfig.Transport.class), BRIDGE)
            .asRequired()
            .withDoc("Where events go: `http` (POST to `url` + `endpoint`, e.g. Marquez), `file` (appended to `file`, "
                    + "one JSON object a line) or `console` (standard output, one JSON object a line)."));

    public static final ConfigOption<String> OPENLINEAGE_URL =
            def(ConfigOption.of("openlineage.url", ValueType.STRING, BRIDGE)
                    .withDefaultRule("required with `transport: http`")
                    .withDoc("Base URL of the OpenLineage HTTP receiver, e.g. `http://marquez:5000`."));

    public static final ConfigOption<String> OPENLINEAGE_ENDPOINT =
            def(ConfigOption.of("openlineage.endpoint", ValueType.STRING, BRIDGE)
                    .withDefault(OpenLineageConfig.DEFAULT_ENDPOINT)
                    .withDoc("Path appended to `url` (`transport: http`)."));

    public static final ConfigOption<String> OPENLINEAGE_API_KEY =
            def(ConfigOption.of("openlineage.api-key", ValueType.STRING, BRIDGE)
                    .asSecret()
                    .withDoc("Sent as `Authorization: Bearer <api-key>` (`transport: http`); never logged."));

    public static final ConfigOption<Duration> OPENLINEAGE_TIMEOUT = def(
            ConfigOption.of("openlineage.timeout", ValueType.DURATION, BRIDGE)
                    .withDefault(OpenLineageConfig.DEFAULT_TIMEOUT)
                    .withDoc(
                            "How long one delivery may take (`transport: http`); a slower receiver loses the event, not the data."));

    public static final ConfigOption<String> OPENLINEAGE_FILE =
            def(ConfigOption.of("openlineage.file", ValueType.STRING, BRIDGE)
                    .withDefaultRule("required with `transport: file`")
                    .withDoc("The file events are appended to (`transport: file`), created if missing."));

    public static final ConfigOption<String> OPENLINEAGE_NAMESPACE =
            def(ConfigOption.of("openlineage.namespace", ValueType.STRING, BRIDGE)
                    .withDefaultRule("the bridge `name`")
                    .withDoc("Namespace of the jobs; a job is named `<bridge name>.<mapping name>`."));

    private ConfigOptions() {}

    /** A {@code producer:} / {@code consumer:} / {@code admin:} block, at the top level or in a mapping ({@code prefix}). */
    private static ConfigOption<Map<String, String>> clientRole(
            String prefix, ClientRole role, Scope scope, String example) {
        String over = prefix.isEmpty() ? "`kafka:`" : "`kafka:` and the top-level `" + role.key() + ":`";
        return ConfigOption.of(prefix + role.key(), ValueType.PROPERTIES, scope)
                .withDefault(Map.of())
                .withDoc("Kafka client properties for the bridge's " + role.key() + "s"
                        + (prefix.isEmpty() ? "" : " of this mapping") + ", merged over " + over + " (e.g. " + example
                        + "); what `kafka` refuses is refused here too.");
    }

    private static <T> ConfigOption<T> def(ConfigOption<T> option) {
        ALL.add(option);
        return option;
    }

    /** Every option, in documentation order. */
    public static List<ConfigOption<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The option at a path pattern ({@code mappings[].to.partition-by}). */
    public static Optional<ConfigOption<?>> find(String pathPattern) {
        return ALL.stream().filter(o -> o.path().equals(pathPattern)).findFirst();
    }

    /** The options directly under a section ({@code ""} for the top level). */
    static List<ConfigOption<?>> children(String sectionPattern) {
        return ALL.stream().filter(o -> o.parentPath().equals(sectionPattern)).toList();
    }

    /**
     * Whether a key the bridge does not define may appear in this section: registry client
     * properties, and top-level {@code x-} keys, which hold YAML anchors and are otherwise ignored.
     */
    static boolean isPassThrough(String sectionPattern, String key) {
        return sectionPattern.equals(REGISTRY_SECTION)
                ? key.contains(".")
                : sectionPattern.isEmpty() && key.startsWith(EXTENSION_PREFIX);
    }

    /** A concrete path as a pattern: {@code mappings[3].key} → {@code mappings[].key}. */
    static String pattern(String path) {
        return path.replaceAll("\\[\\d+]", "[]");
    }

    /** The scope of a mapping of the given direction accepts options of {@code scope}. */
    static boolean applies(Scope scope, Scope direction) {
        return scope == BRIDGE || scope == ANY_MAPPING || scope == direction;
    }
}
