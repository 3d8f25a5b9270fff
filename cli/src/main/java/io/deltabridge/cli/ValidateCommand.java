package io.deltabridge.cli;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ConfigPrinter;
import io.deltabridge.core.config.MappingConfig;
import io.deltabridge.core.delta.LogStores;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.pipeline.Bridge;
import io.deltabridge.core.pipeline.Plan;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bridge validate -c bridge.yaml}: parses the file, then lets every mapping check what it
 * can without writing data (Kafka reachable and authorized, topics, registry, tables, CDF, key
 * columns, schema compatibility) and prints the redacted configuration and a plan per mapping.
 * Every mapping is checked even when an earlier one fails; the exit code is the first failure's.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Check the mapping file against Kafka, registry and tables; print the plan.",
            "Parses the file, then checks without writing data: Kafka reachable and authorized, topics,",
            "schema registry, tables and their Change Data Feed, key columns, schema compatibility."
        })
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BridgeConfig loaded = config.load();
        out.println("Bridge '" + loaded.name() + "' from " + loaded.source().name()
                + " (effective settings, secrets as ****):");
        out.println(ConfigPrinter.render(loaded));
        out.flush();
        BridgeException firstFailure = null;
        for (MappingConfig mapping : loaded.mappings()) {
            // a bridge per mapping: creating a pipeline already checks some things (the table exists)
            try (Bridge bridge =
                    Bridge.builder().config(loaded).mappings(mapping.name()).build()) {
                Plan plan = bridge.pipelines().get(mapping.name()).validate();
                out.println("✔ " + mapping.name());
                plan.lines().forEach(line -> out.println("    " + line));
                LogStores.ofWriter(mapping, loaded.delta()).ifPresent(store -> out.println("    " + store.describe()));
            } catch (BridgeException e) {
                out.println("✘ " + mapping.name());
                e.getMessage().lines().forEach(line -> out.println("    " + line));
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
            out.flush();
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        out.println("Configuration is valid: " + loaded.mappings().size() + " mapping(s) ready to run.");
        out.flush();
        return 0;
    }
}
