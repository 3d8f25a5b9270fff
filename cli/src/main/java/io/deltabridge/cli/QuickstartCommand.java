package io.deltabridge.cli;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bridge quickstart}: both directions end to end with nothing installed ({@link QuickstartScenario}).
 * Its class refers to no broker class: picocli inspects every command of {@code bridge}, and the
 * broker is only on the class path of a quickstart run ({@link QuickstartRelaunch}).
 */
@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Run both directions end to end on an embedded Kafka broker and sample tables.",
            "Needs nothing but Java; stops everything and deletes its temporary files at the end."
        })
final class QuickstartCommand implements Callable<Integer> {
    @Option(
            names = "--rows",
            defaultValue = "20",
            description = "Rows in the sample table (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--keep", description = "Keep the temporary directory with the tables (its path is printed).")
    boolean keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Optional<Integer> relaunched =
                QuickstartRelaunch.ifNeeded(spec.commandLine().getParseResult().originalArgs());
        if (relaunched.isPresent()) {
            return relaunched.get();
        }
        new QuickstartScenario(spec.commandLine().getOut(), rows, keep).run();
        return 0;
    }
}
