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
 * does for users, so that the many starts of a loop spend less of their time loading classes. The
 * children also use the client compiler only and the serial collector: a loop starts a JVM every few
 * seconds on two cores, and the optimising compiler's and parallel GC's threads would take most of
 * them (the bridge behaves the same; only its start is cheaper).
 */
final class BridgeCli {
    private static final List<String> JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final List<String> QUIET_CDS = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final List<String> jvmOptions;
    private final Path config;

    private BridgeCli(List<String> jvmOptions, Path config) {
        this.jvmOptions = jvmOptions;
        this.config = config;
    }

    static BridgeCli prepare(Path dir, Path config) throws InterruptedException {
        Path archive = dir.resolve("bridge-cds.jsa");
        List<String> record = new ArrayList<>(JVM);
        record.add("-XX:ArchiveClassesAtExit=" + archive);
        record.addAll(QUIET_CDS);
        try (CliProcess validate = CliProcess.start(record, "validate", "-c", config.toString())) {
            validate.awaitExit(Duration.ofMinutes(2)); // its verdict does not matter: the classes it loaded do
        }
        List<String> options = new ArrayList<>(JVM);
        if (Files.isRegularFile(archive)) {
            options.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"));
            options.addAll(QUIET_CDS);
        }
        return new BridgeCli(List.copyOf(options), config);
    }

    CliProcess run(boolean once) {
        return once
                ? CliProcess.start(jvmOptions, "run", "-c", config.toString(), "--once")
                : CliProcess.start(jvmOptions, "run", "-c", config.toString());
    }
}
