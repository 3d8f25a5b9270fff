package io.deltabridge.bench.k2d;

import io.deltabridge.core.registry.SchemaRegistryClient;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The benchmark's registry: one known schema under one id, so that the Avro run needs no registry
 * process. The bridge asks a registry once per schema id and caches the decoder, so a real
 * registry would add one HTTP request to the whole run.
 */
final class FixedSchemaRegistry implements SchemaRegistryClient {
    private final int id;
    private final Schema schema;

    FixedSchemaRegistry(int id, Schema schema) {
        this.id = id;
        this.schema = schema;
    }

    @Override
    public int register(String subject, Schema s) {
        return id;
    }

    @Override
    public Optional<Integer> lookup(String subject, Schema s) {
        return Optional.of(id);
    }

    @Override
    public Schema schemaById(int schemaId) {
        if (schemaId != id) {
            throw new IllegalArgumentException("unknown schema id " + schemaId);
        }
        return schema;
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        return Optional.of(new RegisteredSchema(subject, id, 1, schema));
    }

    @Override
    public boolean isCompatible(String subject, Schema s) {
        return true;
    }

    @Override
    public void close() {}
}
