package io.deltabridge.cli;

import io.delta.kernel.TableManager;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.MappingConfig;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.delta.TableUris;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.schema.DdlParser;
import io.deltabridge.core.schema.DdlPrinter;
import io.deltabridge.core.schema.avro.AvroSchemas;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bridge schema -c bridge.yaml -m NAME}: the Delta schema of a mapping's table as DDL, and
 * its Kafka forms: the JSON encoding of each column (SPEC §7) and the Avro record registered under
 * {@code <topic>-value}. For delta → kafka the projection ({@code columns}) is applied.
 */
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Print a mapping's Delta schema (DDL) and its Avro / JSON form.")
final class SchemaCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(
            names = {"-m", "--mapping"},
            required = true,
            paramLabel = "NAME",
            description = "The mapping to describe.")
    String mapping;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BridgeConfig loaded = config.load();
        MappingConfig m = loaded.mapping(mapping)
                .orElseThrow(() -> Problem.of(
                                "No mapping named '%s' in %s",
                                mapping, loaded.source().name())
                        .because(
                                "the file defines %s",
                                loaded.mappings().stream()
                                        .map(MappingConfig::name)
                                        .toList())
                        .fix("use one of those names with -m")
                        .config());
        Optional<KafkaToDeltaMapping> perTopic =
                m instanceof KafkaToDeltaMapping k && k.tablePerTopic() ? Optional.of(k) : Optional.empty();
        // a table per topic is named by its path with `{topic}`, which is no table location itself
        String table = perTopic.map(KafkaToDeltaMapping::table)
                .orElseGet(() -> TableUris.normalize(
                        m instanceof DeltaToKafkaMapping d ? d.table() : ((KafkaToDeltaMapping) m).table()));
        StructType schema = perTopic.isPresent() ? schemaOfEach(loaded, perTopic.get()) : tableSchema(loaded, m, table);
        String topic = m instanceof DeltaToKafkaMapping d
                ? d.topic()
                : ((KafkaToDeltaMapping) m)
                        .topicPattern()
                        .orElseGet(() -> String.join(", ", ((KafkaToDeltaMapping) m).topics()));

        PrintWriter out = spec.commandLine().getOut();
        out.println("Mapping " + m.name() + ": " + direction(m));
        out.println();
        out.println("Delta schema of " + table + ":");
        DdlPrinter.toDdlMultiline(schema).lines().forEach(line -> out.println("  " + line));
        StructType value = m instanceof DeltaToKafkaMapping d ? project(schema, d) : schema;
        if (m instanceof DeltaToKafkaMapping d) {
            out.println();
            printKey(out, d, keyColumns(schema, d, loaded), table);
        }
        out.println();
        out.println("JSON value (one object per record; SPEC §7 encoding):");
        printJsonFields(out, value);
        out.println();
        out.println("Avro value schema (subject " + topic + "-value):");
        printIndented(out, AvroSchemas.toAvro(value, table).toString(true));
        out.flush();
        return 0;
    }

    /** The record key in the mapping's key format (SPEC §4): JSON object, Avro record, or the column as text. */
    private static void printKey(PrintWriter out, DeltaToKafkaMapping d, StructType key, String table) {
        switch (d.keyFormat()) {
            case JSON -> {
                out.println("JSON key (one object of the key columns per record; SPEC §7 encoding):");
                printJsonFields(out, key);
            }
            case AVRO -> {
                out.println("Avro key schema (subject " + d.topic() + "-key):");
                printIndented(out, AvroSchemas.toAvroKey(key, table).toString(true));
            }
            case STRING -> {
                StructField column = key.at(0);
                out.println("String key: the value of " + column.getName() + " as UTF-8 text, "
                        + json(column.getDataType()) + " without JSON quotes");
            }
        }
    }

    /** The key columns in {@code key} order, as the publisher encodes them. */
    private static StructType keyColumns(StructType schema, DeltaToKafkaMapping d, BridgeConfig config) {
        StructType key = new StructType();
        for (String name : d.key()) {
            int ordinal = schema.indexOf(name);
            if (ordinal < 0) {
                throw config.source()
                        .errorAt(
                                "mappings[" + d.index() + "].key",
                                Problem.of("Key column '%s' is not in the table", name)
                                        .because("the table's columns are %s", schema.fieldNames())
                                        .fix("name columns of the table in 'key' of mapping '%s'", d.name()));
            }
            key = key.add(schema.at(ordinal));
        }
        return key;
    }

    private static void printJsonFields(PrintWriter out, StructType struct) {
        for (StructField f : struct.fields()) {
            out.println("  \"" + f.getName() + "\": " + json(f.getDataType()) + (f.isNullable() ? " or null" : ""));
        }
    }

    private static void printIndented(PrintWriter out, String text) {
        text.lines().forEach(line -> out.println("  " + line));
    }

    /** The table's schema; for kafka → delta a table not created yet has the mapping's {@code schema}. */
    private static StructType tableSchema(BridgeConfig config, MappingConfig m, String table) {
        try {
            return TableManager.loadSnapshot(table)
                    .build(DeltaEngines.create(config.delta()))
                    .getSchema();
        } catch (TableNotFoundException e) {
            Optional<String> ddl = m instanceof KafkaToDeltaMapping k ? k.schema() : Optional.empty();
            return ddl.map(DdlParser::parse)
                    .orElseThrow(() -> config.source()
                            .errorAt(
                                    "mappings[" + m.index() + "]",
                                    Problem.of("Delta table not found at %s", table)
                                            .because("there is no _delta_log there")
                                            .fix(
                                                    "check the table location of mapping '%s'%s",
                                                    m.name(),
                                                    m instanceof KafkaToDeltaMapping
                                                            ? ", or give its schema with to.schema"
                                                            : "")));
        }
    }

    /** The schema of a table per topic: {@code to.schema}, the one each table the bridge creates gets. */
    private static StructType schemaOfEach(BridgeConfig config, KafkaToDeltaMapping k) {
        return k.schema()
                .map(DdlParser::parse)
                .orElseThrow(
                        () -> config.source()
                                .errorAt(
                                        "mappings[" + k.index() + "].to",
                                        Problem.of(
                                                        "Mapping '%s' writes a table per topic (%s) and has no to.schema",
                                                        k.name(), k.table())
                                                .because(
                                                        "each topic's table has the schema its own records or registry subject give")
                                                .fix(
                                                        "give the tables' schema with to.schema, or describe one table with a mapping of its topic")));
    }

    /** The columns published: {@code columns} when set, key columns always included, in table order. */
    private static StructType project(StructType schema, DeltaToKafkaMapping m) {
        if (m.columns().isEmpty()) {
            return schema;
        }
        List<String> keep = m.columns().get();
        StructType projected = new StructType();
        for (StructField f : schema.fields()) {
            if (keep.contains(f.getName()) || m.key().contains(f.getName())) {
                projected = projected.add(f);
            }
        }
        return projected;
    }

    /** How a Delta type is written in JSON (SPEC §7). */
    static String json(DataType type) {
        if (type instanceof DecimalType d) {
            return "string, plain decimal with " + d.getScale() + " fraction digits";
        } else if (type instanceof StringType) {
            return "string";
        } else if (type instanceof BinaryType) {
            return "string, base64";
        } else if (type instanceof DateType) {
            return "string \"yyyy-MM-dd\"";
        } else if (type instanceof TimestampType) {
            return "string \"yyyy-MM-ddTHH:mm:ss.ffffffZ\"";
        } else if (type instanceof TimestampNTZType) {
            return "string \"yyyy-MM-ddTHH:mm:ss.ffffff\"";
        } else if (type instanceof FloatType || type instanceof DoubleType) {
            return "number (NaN, Infinity, -Infinity as strings)";
        } else if (type instanceof ArrayType a) {
            return "array of " + json(a.getElementType());
        } else if (type instanceof MapType map) {
            return map.getKeyType() instanceof StringType
                    ? "object of " + json(map.getValueType())
                    : "array of {\"key\": " + json(map.getKeyType()) + ", \"value\": " + json(map.getValueType()) + "}";
        } else if (type instanceof StructType) {
            return "object";
        }
        return type.toString().toLowerCase().contains("boolean") ? "boolean" : "number";
    }

    private static String direction(MappingConfig m) {
        if (m instanceof DeltaToKafkaMapping d) {
            return d.table() + " → topic " + d.topic() + " ("
                    + d.format().name().toLowerCase() + ", key " + d.key() + ")";
        }
        KafkaToDeltaMapping k = (KafkaToDeltaMapping) m;
        return k.sourceDescription() + " → " + k.table() + " ("
                + k.format().name().toLowerCase() + ")";
    }
}
