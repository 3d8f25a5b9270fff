package io.deltabridge.core.registry;

import io.deltabridge.core.config.RegistryClientKeys.WriterSchema;
import io.deltabridge.core.config.SubjectNameStrategy;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry REST API the bridge uses. Works against
 * Confluent SR, Apicurio (ccompat), Karapace and Redpanda. Implementations cache ids.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /**
     * The subject a key's or value's schema written to {@code topic} is registered under; this default is
     * Confluent's TopicNameStrategy ({@code <topic>-key}, {@code <topic>-value}).
     */
    default String subject(String topic, boolean isKey, Schema schema) {
        return SubjectNameStrategy.TOPIC_NAME.subject(topic, isKey, schema);
    }

    /** Which schema writers encode with: the one derived from the table (the default) or the subject's latest. */
    default WriterSchema writerSchema() {
        return WriterSchema.DERIVED;
    }

    /** Registers (or finds) {@code schema} under {@code subject}; returns its global id. */
    int register(String subject, Schema schema);

    /** The id of {@code schema} if already registered under {@code subject}. */
    Optional<Integer> lookup(String subject, Schema schema);

    /** The schema with this global id. */
    Schema schemaById(int id);

    /** The latest schema registered under {@code subject}, with its id. */
    Optional<RegisteredSchema> latest(String subject);

    /** Whether {@code schema} is compatible with the subject's latest, per the subject's compatibility level. */
    boolean isCompatible(String subject, Schema schema);

    @Override
    void close();

    /** A schema and where it is registered. */
    record RegisteredSchema(String subject, int id, int version, Schema schema) {}
}
