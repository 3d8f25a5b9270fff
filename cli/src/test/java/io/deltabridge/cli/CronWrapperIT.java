package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.embedded.InsightsTable;
import io.deltabridge.embedded.TempDirs;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cron wrapper {@code bin/bridge-once} as a crontab runs it from the unpacked distribution: it
 * finds the bridge where the tarball puts it, runs {@code run --once}, logs with timestamps and passes
 * the exit code on.
 */
@WithKafkaBroker
class CronWrapperIT {
    private static final int ROWS = 5;

    @TempDir
    Path dir;

    @Test
    void runsOnceFromTheUnpackedDistribution(KafkaCluster kafka) throws Exception {
        Path dist = Distribution.unpack(Distribution.PRODUCTION);
        try {
            InsightsTable.create(dir.resolve("insights"), ROWS);
            Path config = Files.writeString(dir.resolve("insights.yaml"), """
                    name: cron-it
                    kafka:
                      bootstrap.servers: %s
                    mappings:
                      - name: insights-out
                        from: { delta: %s }
                        to:   { kafka: %s }
                        key: [customer_id]
                        format: json
                    """.formatted(
                            kafka.bootstrapServers(), dir.resolve("insights"), kafka.createUniqueTopic("cron", 1)));
            Path log = dir.resolve("log/insights.log");
            ProcessBuilder wrapper = new ProcessBuilder(List.of(
                            dist.resolve("bin/bridge-once").toString(), config.toString(), "-m", "insights-out"))
                    .redirectErrorStream(true);
            wrapper.environment()
                    .putAll(Map.of(
                            "BRIDGE_LOG",
                            log.toString(),
                            "JAVA_HOME",
                            System.getProperty("java.home"),
                            "TMPDIR",
                            dir.toString(),
                            "XDG_CACHE_HOME",
                            dir.resolve("cache").toString()));
            Process process = wrapper.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(3, TimeUnit.MINUTES), "wrapper ended");
            String logged = Files.readString(log);
            assertEquals(0, process.exitValue(), out + logged);
            assertTrue(logged.contains("1 commit, " + ROWS + " records"), logged);
            assertTrue(logged.matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ exit 0\\s*"), logged);
        } finally {
            TempDirs.deleteRecursively(dist);
        }
    }
}
