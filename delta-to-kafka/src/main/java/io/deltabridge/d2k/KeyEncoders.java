package io.deltabridge.d2k;

import io.deltabridge.core.codec.RowEncoder;
import io.deltabridge.core.codec.StringKeyEncoder;
import io.deltabridge.core.codec.avro.AvroRowEncoder;
import io.deltabridge.core.codec.avro.ConfluentAvroSerde;
import io.deltabridge.core.codec.json.JsonRowEncoder;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.schema.avro.AvroSchemas;
import io.delta.kernel.types.StructType;
import java.util.Optional;

/** The record key encoder of a mapping (SPEC §4): JSON object, Avro record (subject {@code <topic>-key} by default) or text. */
final class KeyEncoders {
    private KeyEncoders() {}

    static RowEncoder create(DeltaToKafkaMapping mapping, StructType schema, int[] keyOrdinals, String tableUri,
            Optional<ConfluentAvroSerde> avro) {
        return switch (mapping.keyFormat()) {
            case JSON -> new JsonRowEncoder(schema, keyOrdinals);
            case STRING -> new StringKeyEncoder(schema, keyOrdinals[0]);
            case AVRO -> {
                StructType keySchema = AvroRowEncoder.project(schema, keyOrdinals);
                yield avro.orElseThrow().encoder(mapping.topic(), true, schema, keyOrdinals,
                        AvroSchemas.toAvroKey(keySchema, tableUri));
            }
        };
    }
}
