package io.deltabridge.cli;

import io.delta.kernel.TableManager;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.MappingConfig;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.delta.TableUris;
import io.deltabridge.core.error.Problem;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bridge schema -c bridge.yaml -m NAME}: the Delta schema of a mapping's table and its Kafka form. */
@Command(name = "schema", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print a mapping's Delta schema (DDL) and its Avro / JSON form.")
final class SchemaCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = {"-m", "--mapping"}, required = true, paramLabel = "NAME", description = "The mapping to describe.")
    String mapping;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BridgeConfig loaded = config.load();
        MappingConfig m = loaded.mapping(mapping).orElseThrow(() -> Problem.of("No mapping named '%s' in %s",
                        mapping, loaded.source().name())
                .because("the file defines %s", loaded.mappings().stream().map(MappingConfig::name).toList())
                .fix("use one of those names with -m").config());
        String table = m instanceof DeltaToKafkaMapping d ? d.table() : ((KafkaToDeltaMapping) m).table();
        StructType schema = tableSchema(loaded, m, table);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Mapping " + m.name() + ": " + ConfigSummary.direction(m));
        out.println();
        out.println("Delta schema (" + TableUris.normalize(table) + "):");
        out.println("  " + ddl(schema));
        out.flush();
        return 0;
    }

    private static StructType tableSchema(BridgeConfig config, MappingConfig m, String table) {
        try {
            return TableManager.loadSnapshot(TableUris.normalize(table)).build(DeltaEngines.create(config.delta())).getSchema();
        } catch (TableNotFoundException e) {
            throw config.source().errorAt("mappings[" + m.index() + "]", Problem.of("Delta table not found at %s", table)
                    .because("there is no _delta_log there")
                    .fix("check the table location of mapping '%s'", m.name()));
        }
    }

    private static String ddl(StructType schema) {
        return schema.fields().stream().map(SchemaCommand::column).collect(Collectors.joining("," + System.lineSeparator() + "  "));
    }

    private static String column(StructField f) {
        return f.getName() + " " + f.getDataType().toString().toUpperCase() + (f.isNullable() ? "" : " NOT NULL");
    }
}
