package io.deltabridge.core.codec.debezium;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.ChangeDecoder;
import io.deltabridge.core.codec.ChangeOp;
import io.deltabridge.core.codec.avro.SchemaIdCache;
import io.deltabridge.core.format.ConfluentWireFormat;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.core.vector.BatchBuilder;
import java.util.Set;
import org.apache.kafka.common.header.Headers;

/** Debezium Avro events in the Confluent wire format: an {@link AvroEnvelope} per writer schema id. */
final class DebeziumAvroDecoder implements ChangeDecoder {
    private final SchemaIdCache<AvroEnvelope> envelopes;
    /** The envelope of the record last decoded, null after a tombstone. */
    private AvroEnvelope last;

    DebeziumAvroDecoder(SchemaRegistryClient registry, StructType schema, Set<String> lineageColumns) {
        Set<String> lineage = Set.copyOf(lineageColumns);
        envelopes = new SchemaIdCache<>(
                registry, SchemaIdCache.UNKNOWN_ID_MEMORY, writer -> new AvroEnvelope(writer, schema, lineage));
    }

    @Override
    public ChangeOp decodeInto(byte[] key, byte[] value, Headers headers, BatchBuilder target) {
        last = null;
        if (value == null) {
            return ChangeOp.SKIP; // the tombstone after a delete, for log compaction
        }
        int id = ConfluentWireFormat.schemaId(value, 0, value.length);
        last = envelopes.get(id);
        return last.decodeInto(
                value, ConfluentWireFormat.HEADER_SIZE, value.length - ConfluentWireFormat.HEADER_SIZE, target);
    }

    @Override
    public boolean replacedInto(byte[] value, BatchBuilder target) {
        return last != null && last.replacedInto(value, target);
    }
}
