package io.deltabridge.d2k;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.RowEncoder;
import io.deltabridge.core.codec.StringKeyEncoder;
import io.deltabridge.core.codec.avro.AvroRowEncoder;
import io.deltabridge.core.codec.avro.ConfluentAvroSerde;
import io.deltabridge.core.codec.json.JsonRowEncoder;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.schema.avro.AvroSchemas;
import java.util.Optional;
import org.apache.avro.Schema;

/** The record key encoder of a mapping (SPEC §4): JSON object, Avro record (subject {@code <topic>-key} by default) or text. */
final class KeyEncoders {
    private KeyEncoders() {}

    static RowEncoder create(
            DeltaToKafkaMapping mapping,
            StructType schema,
            int[] keyOrdinals,
            String tableUri,
            Optional<ConfluentAvroSerde> avro) {
        return switch (mapping.keyFormat()) {
            case JSON -> new JsonRowEncoder(schema, keyOrdinals);
            case STRING -> new StringKeyEncoder(schema, keyOrdinals[0]);
            case AVRO ->
                avro.orElseThrow()
                        .encoder(mapping.topic(), true, schema, keyOrdinals, avroKey(schema, keyOrdinals, tableUri));
        };
    }

    /** The Avro record of the key columns {@code keyOrdinals} of {@code schema}. */
    static Schema avroKey(StructType schema, int[] keyOrdinals, String tableUri) {
        return AvroSchemas.toAvroKey(AvroRowEncoder.project(schema, keyOrdinals), tableUri);
    }
}
