package io.deltabridge.reliability;

import io.deltabridge.testkit.CliProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code bridge run -c <config> [--once]} in child JVMs with a bounded heap and a
 * class-data-sharing archive recorded by one {@code bridge validate} run first, as {@code bin/bridge}
 * does for users, so that the many starts of a loop spend less of their time loading classes.
 */
final class BridgeCli {
    private static final String HEAP = "-Xmx512m";
    private static final List<String> QUIET_CDS = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final List<String> jvmOptions;
    private final Path config;

    private BridgeCli(List<String> jvmOptions, Path config) {
        this.jvmOptions = jvmOptions;
        this.config = config;
    }

    static BridgeCli prepare(Path dir, Path config) throws InterruptedException {
        Path archive = dir.resolve("bridge-cds.jsa");
        List<String> record = new ArrayList<>(List.of(HEAP, "-XX:ArchiveClassesAtExit=" + archive));
        record.addAll(QUIET_CDS);
        try (CliProcess validate = CliProcess.start(record, "validate", "-c", config.toString())) {
            validate.awaitExit(Duration.ofMinutes(2)); // its verdict does not matter: the classes it loaded do
        }
        List<String> options = new ArrayList<>(List.of(HEAP));
        if (Files.isRegularFile(archive)) {
            options.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"));
            options.addAll(QUIET_CDS);
        }
        return new BridgeCli(List.copyOf(options), config);
    }

    CliProcess run(boolean once) {
        return once ? CliProcess.start(jvmOptions, "run", "-c", config.toString(), "--once")
                : CliProcess.start(jvmOptions, "run", "-c", config.toString());
    }
}
