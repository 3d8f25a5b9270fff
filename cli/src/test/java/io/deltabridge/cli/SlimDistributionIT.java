package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.embedded.TempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The production artifacts carry no Kafka broker, no Scala and no log4j-core (security scanners flag
 * them): neither {@code bridge.jar} nor any jar of the distribution outside {@code lib/quickstart/},
 * the directory {@code bridge quickstart} alone loads its in-process broker from.
 */
class SlimDistributionIT {
    /** Class-file prefixes of the broker (kafka_2.13, kafka-server*), the Scala library and log4j-core. */
    private static final List<String> FORBIDDEN = List.of("kafka/", "org/apache/kafka/server/", "scala/",
            "org/apache/logging/log4j/core/");
    /** Under org/apache/kafka/server/, kafka-clients itself ships the broker's plugin interfaces: not the broker. */
    private static final List<String> CLIENT_API = List.of("org/apache/kafka/server/authorizer/",
            "org/apache/kafka/server/policy/", "org/apache/kafka/server/quota/", "org/apache/kafka/server/telemetry/");
    private static final String QUICKSTART = "lib/quickstart/";

    @Test
    void bridgeJarCarriesNoBrokerScalaOrLog4jCore() throws IOException {
        assertEquals(Map.of(), forbiddenClasses(Distribution.TARGET.resolve("bridge.jar")));
    }

    @Test
    void distributionCarriesTheBrokerOnlyInLibQuickstart() throws Exception {
        Path dist = Distribution.unpack();
        try {
            Map<String, Long> production = new TreeMap<>();
            Map<String, Long> quickstart = new TreeMap<>();
            for (Path jar : jars(dist)) {
                String name = dist.relativize(jar).toString();
                forbiddenClasses(jar).forEach((prefix, count) ->
                        (name.startsWith(QUICKSTART) ? quickstart : production).merge(name + " " + prefix, count, Long::sum));
            }
            assertEquals(Map.of(), production, "forbidden classes outside " + QUICKSTART);
            assertTrue(quickstart.keySet().stream().anyMatch(k -> k.endsWith(" kafka/")),
                    "the quickstart's broker is in " + QUICKSTART + ": " + quickstart);
        } finally {
            TempDirs.deleteRecursively(dist);
        }
    }

    /** Per forbidden prefix, the number of classes under it in {@code jar}; empty when there are none. */
    private static Map<String, Long> forbiddenClasses(Path jar) throws IOException {
        Map<String, Long> found = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && CLIENT_API.stream().noneMatch(n::startsWith))
                    .forEach(n -> FORBIDDEN.stream().filter(n::startsWith).forEach(p -> found.merge(p, 1L, Long::sum)));
        }
        return found;
    }

    private static List<Path> jars(Path dist) throws IOException {
        try (Stream<Path> files = Files.walk(dist)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }
}
