package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class archive of {@code bin/bridge} (docs/cli.md, "Startup time") on the JDK this test runs on (both legs): the
 * first {@code run} records it, other commands do not, and later runs load the bridge's classes from it, without a
 * JVM warning. On Java 17 it is a dynamic CDS archive; on Java 25 and later an AOT cache (JEP 483, 515), which also
 * keeps the classes linked and the methods' profiles of the recording run.
 */
@WithKafkaBroker
class ClassArchiveIT {
    @RegisterExtension
    static final Distribution.Unpacked DIST = new Distribution.Unpacked(Distribution.PRODUCTION);

    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;

    @TempDir
    Path dir;

    @Test
    void theFirstRunRecordsTheArchiveFromWhichLaterRunsLoadTheBridge(KafkaCluster kafka) throws Exception {
        Path config = CronWrapperIT.insightsMapping(dir, kafka, 5, "class-archive");
        String run = "run -c " + config + " --once";

        bridge("", "--version");
        assertEquals(List.of(), archives(), "--version is no run to learn the bridge's classes from");

        assertTrue(bridge("", run).contains("5 records"));
        String later = bridge("-Xlog:class+load=info -XX:+PrintFlagsFinal", run);
        String archive = LauncherOptionsIT.flag(later, AOT_CACHE ? "AOTCache" : "SharedArchiveFile");
        assertEquals(List.of(Path.of(archive).getFileName().toString()), archives());
        assertTrue(archive.endsWith(AOT_CACHE ? ".aot" : ".jsa"), archive);
        for (String bridgeClass : List.of("io.deltabridge.cli.BridgeCommand", "io.deltabridge.d2k.DeltaToKafka")) {
            assertTrue(later.contains(bridgeClass + " source: shared objects file"), bridgeClass + ":\n" + later);
        }
    }

    /**
     * A first run that fails (here at its mapping file, as a first try often does) has loaded few of the classes a run
     * needs: what it recorded is dropped, and the next run records the archive instead.
     */
    @Test
    void aRunThatFailsLeavesNoArchiveAndTheNextRunRecordsIt(KafkaCluster kafka) throws Exception {
        Path config = CronWrapperIT.insightsMapping(dir, kafka, 5, "class-archive-after-failure");
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "name: broken\nmappings: [ {} ]\n");

        Launched failed = launch("", "run -c " + broken + " --once");
        assertEquals(2, failed.exitCode(), "a mapping file the bridge cannot use: " + failed.output());
        assertTrue(bridge("", "run -c " + config + " --once").contains("5 records"));
        String later = bridge("-Xlog:class+load=info", "run -c " + config + " --once");
        for (String bridgeClass : List.of("io.deltabridge.d2k.DeltaToKafka", "io.delta.kernel.internal.SnapshotImpl")) {
            assertTrue(later.contains(bridgeClass + " source: shared objects file"), bridgeClass + ":\n" + later);
        }
        assertEquals(1, archives().size(), "one archive, no marker left: " + archives());
    }

    /** {@code bin/bridge args} with its cache under the test's directory: exit 0 and no JVM warning; its output. */
    private String bridge(String bridgeOpts, String args) throws Exception {
        Launched run = launch(bridgeOpts, args);
        assertEquals(0, run.exitCode(), run.output());
        assertFalse(JvmWarningsIT.JVM_WARNING.matcher(run.output()).find(), run.output());
        return run.output();
    }

    private record Launched(int exitCode, String output) {}

    /** {@code bin/bridge args} with its cache under the test's directory, to its end. */
    private Launched launch(String bridgeOpts, String args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(DIST.home().resolve("bin/bridge").toString()));
        command.addAll(List.of(args.split(" ")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        builder.environment().put("BRIDGE_OPTS", bridgeOpts);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "ended: " + command);
        return new Launched(process.exitValue(), out);
    }

    /** The files in the launcher's cache directory. */
    private List<String> archives() throws Exception {
        Path cache = dir.resolve("cache/deltabridge");
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (var files = Files.list(cache)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
