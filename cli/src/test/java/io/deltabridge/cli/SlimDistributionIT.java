package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.ExitCode;
import io.deltabridge.embedded.TempDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production artifacts carry no Kafka broker, no Scala and no log4j-core (security scanners flag
 * them): neither {@code bridge.jar} nor any jar of the distribution tarball. The quickstart's broker
 * is in its own tarball; without it every command but the quickstart runs, and the quickstart says
 * what is missing.
 */
class SlimDistributionIT {
    /** Class-file prefixes of the broker (kafka_2.13, kafka-server*), the Scala library and log4j-core. */
    private static final List<String> FORBIDDEN =
            List.of("kafka/", "org/apache/kafka/server/", "scala/", "org/apache/logging/log4j/core/");
    /** Under org/apache/kafka/server/, kafka-clients itself ships the broker's plugin interfaces: not the broker. */
    private static final List<String> CLIENT_API = List.of(
            "org/apache/kafka/server/authorizer/",
            "org/apache/kafka/server/policy/",
            "org/apache/kafka/server/quota/",
            "org/apache/kafka/server/telemetry/");

    @RegisterExtension
    static final Distribution.Unpacked PRODUCTION = new Distribution.Unpacked(Distribution.PRODUCTION);

    @Test
    void bridgeJarCarriesNoBrokerScalaOrLog4jCore() throws IOException {
        assertEquals(Map.of(), forbiddenClasses(Distribution.TARGET.resolve("bridge.jar")));
    }

    @Test
    void distributionCarriesNoBrokerScalaOrLog4jCore() throws IOException {
        List<Path> jars = Distribution.jars(PRODUCTION.home());
        assertTrue(
                jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("kafka-clients-")), jars.toString());
        Map<String, Long> found = new TreeMap<>();
        for (Path jar : jars) {
            forbiddenClasses(jar)
                    .forEach((prefix, count) -> found.put(PRODUCTION.home().relativize(jar) + " " + prefix, count));
        }
        assertEquals(Map.of(), found);
    }

    @Test
    void quickstartTarballCarriesTheBroker() throws Exception {
        Path quickstart = Distribution.unpack(Distribution.QUICKSTART);
        try {
            List<Path> jars = Distribution.jars(quickstart);
            assertTrue(
                    jars.stream().allMatch(j -> quickstart.relativize(j).startsWith("lib/quickstart")),
                    jars.toString());
            long brokerClasses = 0;
            for (Path jar : jars) {
                brokerClasses += forbiddenClasses(jar).getOrDefault("kafka/", 0L);
            }
            assertTrue(brokerClasses > 0, "kafka_2.13's classes in " + jars);
        } finally {
            TempDirs.deleteRecursively(quickstart);
        }
    }

    @Test
    void withoutTheBrokerTheQuickstartSaysWhatIsMissing() throws Exception {
        Output version = launch("--version");
        assertEquals(0, version.code(), version.text());
        assertTrue(version.text().contains("deltabridge"), version.text());
        Output quickstart = launch("quickstart");
        assertEquals(ExitCode.CONFIG_ERROR.code(), quickstart.code(), quickstart.text());
        assertTrue(quickstart.text().contains("The quickstart's Kafka broker is not installed"), quickstart.text());
        assertTrue(
                quickstart.text().contains(PRODUCTION.home().resolve("lib/quickstart") + " holds no jars"),
                quickstart.text());
    }

    private record Output(int code, String text) {}

    /** {@code bin/bridge args} of the production distribution, stdout and stderr together. */
    private static Output launch(String... args) throws Exception {
        List<String> command = Stream.concat(
                        Stream.of(PRODUCTION.home().resolve("bin/bridge").toString()), Stream.of(args))
                .toList();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("JAVA_HOME", System.getProperty("java.home"), "BRIDGE_CDS", "off"));
        Process process = builder.start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "ended: " + command);
        return new Output(process.exitValue(), text);
    }

    /** Per forbidden prefix, the number of classes under it in {@code jar}; empty when there are none. */
    private static Map<String, Long> forbiddenClasses(Path jar) throws IOException {
        Map<String, Long> found = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && CLIENT_API.stream().noneMatch(n::startsWith))
                    .forEach(n -> FORBIDDEN.stream().filter(n::startsWith).forEach(p -> found.merge(p, 1L, Long::sum)));
        }
        return found;
    }
}
