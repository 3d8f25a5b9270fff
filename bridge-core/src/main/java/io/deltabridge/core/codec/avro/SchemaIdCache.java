package io.deltabridge.core.codec.avro;

import io.deltabridge.core.error.DataException;
import io.deltabridge.core.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.avro.Schema;

/**
 * What a decoder builds once per writer schema of registry-framed records, by schema id. A schema
 * id that cannot be fetched or built fails every record that uses it with the same {@link
 * DataException} for a while ({@code unknownIdMemory}: a new id may not have reached every registry
 * node yet, so it is asked again later); registry outages and refusals are not data errors and are
 * not remembered.
 */
public final class SchemaIdCache<T> {
    /** How long an id that could not be fetched or built is not asked again, unless told otherwise. */
    public static final Duration UNKNOWN_ID_MEMORY = Duration.ofSeconds(30);

    private final SchemaRegistryClient registry;
    private final Function<Schema, T> build;
    private final long unknownIdMemoryNanos;
    private final Map<Integer, Object> byId = new ConcurrentHashMap<>();

    /** @param build makes the value for a writer schema, or throws a {@link DataException} when it cannot */
    public SchemaIdCache(SchemaRegistryClient registry, Duration unknownIdMemory, Function<Schema, T> build) {
        this.registry = registry;
        this.build = build;
        this.unknownIdMemoryNanos = unknownIdMemory.toNanos();
    }

    /** The value for the writer schema with this id, or the data error that records with this id get for a while. */
    @SuppressWarnings("unchecked")
    public T get(int id) {
        Object value = byId.get(id);
        if (value == null || value instanceof Failed f && System.nanoTime() - f.atNanos() >= unknownIdMemoryNanos) {
            value = build(id);
            byId.put(id, value);
        }
        if (value instanceof Failed failed) {
            throw failed.error();
        }
        return (T) value;
    }

    private Object build(int id) {
        try {
            return build.apply(registry.schemaById(id));
        } catch (DataException e) {
            return new Failed(e, System.nanoTime());
        }
    }

    private record Failed(DataException error, long atNanos) {}
}
