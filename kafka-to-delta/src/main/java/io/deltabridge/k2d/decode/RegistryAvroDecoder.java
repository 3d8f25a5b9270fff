package io.deltabridge.k2d.decode;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.RowDecoder;
import io.deltabridge.core.codec.avro.AvroRowDecoder;
import io.deltabridge.core.format.ConfluentWireFormat;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.core.vector.BatchBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code format: avro} for kafka → delta: reads the Confluent wire format (magic byte, schema id),
 * fetches the writer schema by id from the registry once, and decodes with an
 * {@link AvroRowDecoder} built per schema id.
 */
public final class RegistryAvroDecoder implements RowDecoder {
    private final StructType target;
    private final Set<String> callerColumns;
    private final SchemaRegistryClient registry;
    private final Map<Integer, AvroRowDecoder> bySchemaId = new HashMap<>();

    public RegistryAvroDecoder(StructType target, Set<String> callerColumns, SchemaRegistryClient registry) {
        this.target = target;
        this.callerColumns = Set.copyOf(callerColumns);
        this.registry = registry;
    }

    @Override
    public void decodeInto(byte[] data, int offset, int length, BatchBuilder batch) {
        int id = ConfluentWireFormat.schemaId(data, offset, length);
        AvroRowDecoder decoder = bySchemaId.get(id);
        if (decoder == null) {
            // an unknown id is a DataException (dead letter); an unreachable registry fails the run
            decoder = new AvroRowDecoder(registry.schemaById(id), target, callerColumns);
            bySchemaId.put(id, decoder);
        }
        decoder.decodeInto(data, offset + ConfluentWireFormat.HEADER_SIZE, length - ConfluentWireFormat.HEADER_SIZE, batch);
    }
}
