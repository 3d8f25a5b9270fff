package io.deltabridge.k2d;

import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.RowDecoder;
import io.deltabridge.core.codec.avro.AvroRowDecoder;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.core.registry.SchemaRegistryClient.RegisteredSchema;
import io.deltabridge.core.schema.avro.AvroSchemas;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * What {@code bridge validate} asks the registry for a kafka → delta mapping reading Avro: the latest
 * value schema of each topic's subject ({@code <topic>-value}, Confluent's default naming), and whether
 * records written with it map onto the existing table. The requests carry the configured credentials, so
 * a registry that is down or refuses them fails the validation as it would fail the first record.
 */
final class RegisteredValueCheck {
    private final KafkaToDeltaMapping mapping;
    private final String tableUri;
    private final Optional<SchemaRegistryClient> registry;

    RegisteredValueCheck(KafkaToDeltaMapping mapping, String tableUri, Optional<SchemaRegistryClient> registry) {
        this.mapping = mapping;
        this.tableUri = tableUri;
        this.registry = registry;
    }

    /**
     * One plan line per topic of {@code topics} (those the mapping reads now); {@code table} is the existing table's schema, empty when the table is still to be
     * created (from these schemas or the mapping's). Throws when the registry is unreachable or refuses, or when
     * the latest schema does not map onto the table.
     */
    List<String> check(List<String> topics, Optional<StructType> table) {
        if (mapping.format() != Format.AVRO) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (String topic : topics) {
            String subject = topic + "-value";
            Optional<RegisteredSchema> latest = registry.orElseThrow().latest(subject);
            if (latest.isEmpty()) {
                lines.add("value schema: subject " + subject + " has none registered yet");
                continue;
            }
            RegisteredSchema registered = latest.get();
            String line = String.format(
                    "value schema: the latest of subject %s (version %d, id %d)",
                    subject, registered.version(), registered.id());
            if (table.isEmpty() || mapping.envelope() == Envelope.DEBEZIUM) {
                lines.add(line
                        + (table.isEmpty() ? "" : ", a Debezium envelope (its rows are checked as records arrive)"));
                continue;
            }
            List<String> reasons = misfits(registered.schema(), table.get());
            if (!reasons.isEmpty()) {
                throw Problem.of(
                                "The latest value schema of subject '%s' (version %d, id %d) does not map onto table %s of mapping '%s'",
                                subject, registered.version(), registered.id(), tableUri, mapping.name())
                        .because("%s", String.join("; ", reasons))
                        .fix(
                                "change the table (add the columns, make them nullable, add a STRING column %s for unknown fields) or the "
                                        + "producers' schema so that they match",
                                RowDecoder.RESCUED_DATA_COLUMN)
                        .config();
            }
            lines.add(line + " maps onto the table");
        }
        return lines;
    }

    /** Why records written with {@code writer} cannot all be written to {@code table}; empty when they can. */
    private List<String> misfits(Schema writer, StructType table) {
        Set<String> bridgeColumns = new HashSet<>(LineageColumns.ALL);
        AvroRowDecoder decoder;
        try {
            decoder = new AvroRowDecoder(writer, table, bridgeColumns);
        } catch (BridgeException e) {
            return List.of(e.getMessage());
        }
        List<String> reasons = new ArrayList<>(decoder.mismatches());
        Set<String> fields = new HashSet<>();
        writer.getFields().forEach(f -> fields.add(AvroSchemas.deltaName(f).toLowerCase(Locale.ROOT)));
        Set<String> columns = new HashSet<>();
        for (StructField column : table.fields()) {
            String name = column.getName();
            columns.add(name.toLowerCase(Locale.ROOT));
            if (!column.isNullable()
                    && !bridgeColumns.contains(name)
                    && !name.equals(RowDecoder.RESCUED_DATA_COLUMN)
                    && !fields.contains(name.toLowerCase(Locale.ROOT))) {
                reasons.add("the table's NOT NULL column '" + name + "' is not a field of the schema");
            }
        }
        if (table.indexOf(RowDecoder.RESCUED_DATA_COLUMN) < 0) {
            fields.stream()
                    .filter(f -> !columns.contains(f))
                    .sorted()
                    .forEach(f -> reasons.add("field '" + f + "' has no column, and the table has no "
                            + RowDecoder.RESCUED_DATA_COLUMN + " column to keep it"));
        }
        return reasons;
    }
}
