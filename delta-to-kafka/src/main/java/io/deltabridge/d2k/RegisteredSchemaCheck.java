package io.deltabridge.d2k;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.avro.ConfluentAvroSerde;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.KeyFormat;
import io.deltabridge.core.config.RegistryClientKeys.WriterSchema;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.core.registry.SchemaRegistryClient.RegisteredSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * What {@code bridge validate} asks the registry for a mapping that writes Avro: whether the key and
 * value schemas the table gives now are compatible with the latest ones registered under their
 * subjects, per the subjects' compatibility level. The requests carry the configured credentials, so a
 * registry that is down or refuses them fails the validation as it would fail the first publish.
 */
final class RegisteredSchemaCheck {
    private final DeltaToKafkaMapping mapping;
    private final String tableUri;
    private final Optional<SchemaRegistryClient> registry;

    RegisteredSchemaCheck(DeltaToKafkaMapping mapping, String tableUri, Optional<SchemaRegistryClient> registry) {
        this.mapping = mapping;
        this.tableUri = tableUri;
        this.registry = registry;
    }

    /** One plan line per Avro schema of the mapping; throws when the registry is unreachable, refuses, or finds one incompatible. */
    List<String> check(StructType tableSchema) {
        List<String> lines = new ArrayList<>();
        Projection projection = Projection.of(mapping, tableSchema);
        if (mapping.keyFormat() == KeyFormat.AVRO) {
            lines.add(check(
                    "key",
                    KeyEncoders.avroKey(tableSchema, projection.keyOrdinals(), tableUri),
                    tableSchema,
                    projection.keyOrdinals()));
        }
        if (mapping.format() == Format.AVRO) {
            AvroEventFormat.refuseLatestVersion(mapping, registry.orElseThrow());
            lines.add(check(
                    "value",
                    AvroEventFormat.valueSchema(mapping, tableUri, tableSchema),
                    tableSchema,
                    projection.valueOrdinals()));
        }
        return lines;
    }

    private String check(String what, Schema schema, StructType tableSchema, int[] columns) {
        SchemaRegistryClient client = registry.orElseThrow();
        String subject = client.subject(mapping.topic(), what.equals("key"), schema);
        if (client.writerSchema() != WriterSchema.DERIVED) {
            // what the first publish does: take the latest schema and check that the table's rows map onto it
            int id = new ConfluentAvroSerde(client)
                    .encoder(subject, tableSchema, columns, schema)
                    .schemaId();
            return String.format(
                    "%s schema: written with the latest of subject %s (id %d, use.latest.version)", what, subject, id);
        }
        Optional<RegisteredSchema> latest = client.latest(subject);
        if (latest.isEmpty()) {
            return String.format(
                    "%s schema: subject %s has none registered yet; registered on the first publish", what, subject);
        }
        RegisteredSchema registered = latest.get();
        if (registered.schema().equals(schema)) {
            return String.format(
                    "%s schema: the latest of subject %s (version %d, id %d)",
                    what, subject, registered.version(), registered.id());
        }
        if (!client.isCompatible(subject, schema)) {
            throw Problem.of(
                            "The %s schema of mapping '%s' is not compatible with the latest one registered under subject '%s'",
                            what, mapping.name(), subject)
                    .because(
                            "the registry's compatibility check refuses the schema derived from table %s (latest registered: "
                                    + "version %d, id %d); publishing would fail",
                            tableUri, registered.version(), registered.id())
                    .fix(
                            "make the table change compatible with the subject's compatibility level (add columns as nullable, never "
                                    + "drop or retype a published column), change the subject's level, or publish to another topic; "
                                    + "`bridge schema -m %s` shows the schema",
                            mapping.name())
                    .config();
        }
        return String.format(
                "%s schema: compatible with the latest of subject %s (version %d, id %d)",
                what, subject, registered.version(), registered.id());
    }
}
