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

    /** {@code bin/bridge args} with its cache under the test's directory: exit 0 and no JVM warning; its output. */
    private String bridge(String bridgeOpts, String args) throws Exception {
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
        assertEquals(0, process.exitValue(), out);
        assertFalse(JvmWarningsIT.JVM_WARNING.matcher(out).find(), out);
        return out;
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
