package io.deltabridge.k2d;

import io.delta.kernel.Snapshot;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.codec.RowDecoder;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.Mode;
import io.deltabridge.core.delta.TableUris;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.core.schema.DdlParser;
import io.deltabridge.core.schema.avro.AvroSchemas;
import io.deltabridge.k2d.delta.DeltaAppender;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Opens the mapping's table, or creates it ({@code create: true}) with the schema from
 * {@code schema:} (json) or the registry's latest {@code <topic>-value} (avro), plus
 * {@code _rescued_data} and, with {@code lineage-columns}, the lineage columns, and the mapping's
 * table properties (for {@code mode: upsert}, deletion vectors on by default). An existing
 * table is used as it is: its schema decides what is decoded.
 */
final class TargetTable {
    static final String DELETION_VECTORS = "delta.enableDeletionVectors";

    private TargetTable() {}

    static DeltaAppender open(
            Engine engine, KafkaToDeltaMapping m, String domain, Optional<SchemaRegistryClient> registry) {
        Optional<Snapshot> existing = latest(engine, m);
        if (existing.isPresent()) {
            return DeltaAppender.open(engine, existing.get(), domain);
        }
        if (!m.create()) {
            throw notFound(m);
        }
        refuseForeignDirectory(m);
        return DeltaAppender.create(
                engine, m.table(), schemaToCreate(m, registry), m.partitionBy(), propertiesToCreate(m), domain);
    }

    /**
     * The mapping's {@code table-properties}; a table created for {@code mode: upsert} also gets deletion vectors
     * ({@value #DELETION_VECTORS} true, unless the mapping sets it), so that its upserts are merge-on-read: measured on
     * the 1 M-row table, 100 k changes in 10 flushes, 6x the changes/s of copy-on-write at 1/86 of the bytes written
     * (docs/benchmarks.md). Readers need deletion-vector support (Spark with Delta 2.3+, Kernel, Databricks).
     */
    static Map<String, String> propertiesToCreate(KafkaToDeltaMapping m) {
        if (m.mode() != Mode.UPSERT || m.tableProperties().containsKey(DELETION_VECTORS)) {
            return m.tableProperties();
        }
        Map<String, String> properties = new HashMap<>(m.tableProperties());
        properties.put(DELETION_VECTORS, "true");
        return properties;
    }

    /** The table's latest snapshot; a log Kernel cannot read (truncated commit, garbage checkpoint, foreign files) is explained. */
    private static Optional<Snapshot> latest(Engine engine, KafkaToDeltaMapping m) {
        try {
            return DeltaAppender.latest(engine, m.table());
        } catch (BridgeException e) {
            throw e;
        } catch (RuntimeException e) {
            String cause =
                    String.valueOf(e.getMessage()).strip().lines().findFirst().orElse("");
            throw Problem.of("The Delta table at %s (mapping '%s') cannot be read", m.table(), m.name())
                    .because(
                            "its _delta_log is damaged or was not written by Delta: %s: %s",
                            e.getClass().getSimpleName(),
                            cause.length() <= 300 ? cause : cause.substring(0, 300) + "...")
                    .fix(
                            "restore the damaged _delta_log files from a backup or repair the table with the tool that wrote it, "
                                    + "or point 'to.delta' at another location; nothing was written")
                    .runtime(e);
        }
    }

    /**
     * A local directory that holds files but no Delta table belongs to something else: creating a
     * table in it would mix the bridge's files with foreign ones. (Object stores have no directories
     * to check; a prefix there is used as it is.)
     */
    private static void refuseForeignDirectory(KafkaToDeltaMapping m) {
        String uri = TableUris.normalize(m.table());
        if (!uri.startsWith("file:")) {
            return;
        }
        Path dir = Path.of(URI.create(uri));
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> foreign = entries.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("_delta_log"))
                    .sorted()
                    .limit(3)
                    .toList();
            if (!foreign.isEmpty()) {
                throw Problem.of("%s is not a Delta table (mapping '%s')", m.table(), m.name())
                        .because(
                                "the directory holds other files (%s) but no _delta_log; 'create: true' creates tables only in "
                                        + "empty or missing directories",
                                String.join(", ", foreign))
                        .fix("point 'to.delta' at an empty or new directory, or at the root of an existing Delta table")
                        .config();
            }
        } catch (IOException e) {
            throw Problem.of("Cannot list %s (mapping '%s')", m.table(), m.name())
                    .because("%s", e.toString())
                    .fix("check the path and its permissions")
                    .runtime(e);
        }
    }

    static RuntimeException notFound(KafkaToDeltaMapping m) {
        return Problem.of("Delta table not found at %s (mapping '%s')", m.table(), m.name())
                .because("the location has no _delta_log and 'create' is false")
                .fix("set 'create: true' in the mapping's 'to', or point 'to.delta' at an existing table")
                .config();
    }

    /** The schema a new table gets: the data columns, {@code _rescued_data}, then the lineage columns. */
    static StructType schemaToCreate(KafkaToDeltaMapping m, Optional<SchemaRegistryClient> registry) {
        StructType data = dataSchema(m, registry);
        List<StructField> fields = new ArrayList<>(data.fields());
        fields.add(new StructField(RowDecoder.RESCUED_DATA_COLUMN, StringType.STRING, true));
        if (m.lineageColumns()) {
            fields.add(new StructField(LineageColumns.KAFKA_TOPIC, StringType.STRING, true));
            fields.add(new StructField(LineageColumns.KAFKA_PARTITION, IntegerType.INTEGER, true));
            fields.add(new StructField(LineageColumns.KAFKA_OFFSET, LongType.LONG, true));
            fields.add(new StructField(LineageColumns.KAFKA_TIMESTAMP, TimestampType.TIMESTAMP, true));
            fields.add(new StructField(
                    LineageColumns.LINEAGE, new MapType(StringType.STRING, StringType.STRING, true), true));
        }
        return new StructType(fields);
    }

    private static StructType dataSchema(KafkaToDeltaMapping m, Optional<SchemaRegistryClient> registry) {
        if (m.schema().isPresent()) {
            return DdlParser.parse(m.schema().get());
        }
        if (m.format() == Format.JSON) {
            throw Problem.of("Mapping '%s' would create the table %s but has no schema", m.name(), m.table())
                    .because("JSON records do not describe their schema")
                    .fix("add 'schema: \"id BIGINT NOT NULL, ...\"' to the mapping's 'to', or create the table first")
                    .config();
        }
        if (m.topicPattern().isPresent()) {
            throw Problem.of("Mapping '%s' would create the table %s but has no schema", m.name(), m.table())
                    .because(
                            "it reads the topics matching `%s`, whose value schemas may differ: the registry cannot say which one "
                                    + "the table gets",
                            m.topicPattern().get())
                    .fix("add 'schema: \"id BIGINT NOT NULL, ...\"' to the mapping's 'to', or create the table first")
                    .config();
        }
        String subject = m.topics().get(0) + "-value";
        SchemaRegistryClient client = registry.orElseThrow(
                () -> Problem.of("Mapping '%s' uses avro but no schema registry is configured", m.name())
                        .fix("add 'schema-registry: {url: ...}' to the mapping file")
                        .config());
        return client.latest(subject)
                .map(s -> AvroSchemas.toDelta(s.schema()))
                .orElseThrow(() -> Problem.of("No Avro schema registered under '%s'", subject)
                        .because("the table %s does not exist and its schema comes from the registry", m.table())
                        .fix(
                                "register the value schema of topic '%s' first, or give 'schema:' in the mapping",
                                m.topics().get(0))
                        .config());
    }
}
