package io.deltabridge.k2d;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.RowDecoder;
import io.deltabridge.core.codec.avro.ConfluentAvroSerde;
import io.deltabridge.core.codec.json.JsonRowDecoder;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.k2d.delta.DeltaAppender;
import java.util.Optional;
import java.util.Set;

/** The {@link WriteStrategy} of a mapping's {@code mode}, with the decoders of its format. */
final class WriteStrategies {
    private WriteStrategies() {}

    static WriteStrategy of(MappingIdentity id, PipelineServices services, DeltaAppender appender) {
        KafkaToDeltaMapping mapping = id.mapping();
        LineageColumns lineage = new LineageColumns(appender.schema());
        RowBuffer rows = new RowBuffer(appender, mapping.name(), services.chunkRows(),
                Math.min(KafkaToDeltaPipeline.CHUNK_BYTES, mapping.flush().maxBytes()));
        return new AppendStrategy(decoder(mapping, appender.schema(), lineage.present(), services.registry()), lineage, rows);
    }

    /** The decoder of the mapping's format for a table of {@code schema}. */
    static RowDecoder decoder(KafkaToDeltaMapping mapping, StructType schema, Set<String> lineageColumns,
                              Optional<SchemaRegistryClient> registry) {
        if (mapping.format() == Format.AVRO) {
            return new ConfluentAvroSerde(registry(mapping, registry)).decoder(schema, lineageColumns);
        }
        return new JsonRowDecoder(schema, lineageColumns);
    }

    static SchemaRegistryClient registry(KafkaToDeltaMapping mapping, Optional<SchemaRegistryClient> registry) {
        return registry.orElseThrow(() -> Problem.of("Mapping '%s' uses avro but no schema registry is configured", mapping.name())
                .fix("add 'schema-registry: {url: ...}' to the mapping file").config());
    }
}
