package io.deltabridge.k2d;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.ChangeDecoder;
import io.deltabridge.core.codec.RowDecoder;
import io.deltabridge.core.codec.avro.ConfluentAvroSerde;
import io.deltabridge.core.codec.debezium.DebeziumDecoders;
import io.deltabridge.core.codec.json.JsonRowDecoder;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.Mode;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.k2d.delta.DeltaAppender;
import io.deltabridge.k2d.delta.KeyColumns;
import java.util.Optional;
import java.util.Set;

/** The {@link WriteStrategy} of a mapping's {@code mode}, with the decoders of its format. */
final class WriteStrategies {
    private WriteStrategies() {}

    static WriteStrategy of(MappingIdentity id, PipelineServices services, DeltaAppender appender) {
        KafkaToDeltaMapping mapping = id.mapping();
        LineageColumns lineage = new LineageColumns(appender.schema());
        if (mapping.mode() == Mode.UPSERT) {
            return upsert(id, services, appender, lineage);
        }
        RowBuffer rows = new RowBuffer(
                appender,
                mapping.name(),
                services.chunkRows(),
                Math.min(KafkaToDeltaPipeline.CHUNK_BYTES, mapping.flush().maxBytes()));
        return new AppendStrategy(
                decoder(mapping, appender.schema(), lineage.present(), services.registry()), lineage, rows);
    }

    private static WriteStrategy upsert(
            MappingIdentity id, PipelineServices services, DeltaAppender appender, LineageColumns lineage) {
        KafkaToDeltaMapping mapping = id.mapping();
        refuseUnsupported(id, appender);
        KeyColumns keys = new KeyColumns(appender.schema(), mapping.key(), id.tableUri());
        StructType changes = UpsertStrategy.changeSchema(appender.schema());
        return new UpsertStrategy(
                appender, changeDecoder(mapping, changes, lineage.present(), services.registry()), lineage, keys);
    }

    /** The decoder of the mapping's envelope and formats, into batches of {@code changes} (the table's columns, all nullable). */
    private static ChangeDecoder changeDecoder(
            KafkaToDeltaMapping mapping, StructType changes, Set<String> own, Optional<SchemaRegistryClient> registry) {
        if (mapping.envelope() == Envelope.DEBEZIUM) {
            return mapping.format() == Format.AVRO
                    ? DebeziumDecoders.avro(registry(mapping, registry), changes, own)
                    : DebeziumDecoders.json(changes, own);
        }
        RowDecoder keys = switch (mapping.keyFormat()) {
            case JSON -> new JsonRowDecoder(changes, own);
            case AVRO -> new ConfluentAvroSerde(registry(mapping, registry)).decoder(changes, own);
            case STRING -> new StringKeyDecoder(changes, mapping.key().get(0), own);
        };
        return new RowChangeDecoder(decoder(mapping, changes, own, registry), keys);
    }

    /**
     * Tables upsert cannot write correctly are refused before anything is written: a change data feed
     * would need {@code _change_data} files this writer does not produce.
     */
    private static void refuseUnsupported(MappingIdentity id, DeltaAppender appender) {
        String cdf = appender.snapshot().getTableProperties().getOrDefault("delta.enableChangeDataFeed", "false");
        if (cdf.equalsIgnoreCase("true")) {
            throw Problem.of(
                            "Mapping '%s' cannot upsert into %s: the table has the change data feed on",
                            id.name(), id.tableUri())
                    .because(
                            "upserts rewrite files, and the change data feed would have to record each change; this writer does not write it, "
                                    + "so readers of table_changes would miss them")
                    .fix("turn the change data feed off on the target (ALTER TABLE ... SET TBLPROPERTIES "
                            + "(delta.enableChangeDataFeed = false)), or write to another table; nothing was written")
                    .config();
        }
    }

    /** The decoder of the mapping's format for a table of {@code schema}. */
    static RowDecoder decoder(
            KafkaToDeltaMapping mapping,
            StructType schema,
            Set<String> lineageColumns,
            Optional<SchemaRegistryClient> registry) {
        if (mapping.format() == Format.AVRO) {
            return new ConfluentAvroSerde(registry(mapping, registry)).decoder(schema, lineageColumns);
        }
        return new JsonRowDecoder(schema, lineageColumns);
    }

    static SchemaRegistryClient registry(KafkaToDeltaMapping mapping, Optional<SchemaRegistryClient> registry) {
        return registry.orElseThrow(
                () -> Problem.of("Mapping '%s' uses avro but no schema registry is configured", mapping.name())
                        .fix("add 'schema-registry: {url: ...}' to the mapping file")
                        .config());
    }
}
