package io.deltabridge.cli;

import io.deltabridge.core.error.Problem;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the quickstart's in-process Kafka broker comes from. The bridge jar carries no broker, Scala
 * or log4j-core (security scanners flag them in a production artifact): they live in
 * {@code quickstart/} beside it ({@code lib/quickstart/} in the distribution, {@code cli/target/quickstart/}
 * in a build), and only {@code bridge quickstart} puts them on a class path.
 */
final class QuickstartBrokerJars {
    static final String DIRECTORY = "quickstart";
    /** A class of the broker module; visible when the broker is on this class path (tests, relaunched JVM). */
    private static final String BROKER_CLASS = "io/deltabridge/embedded/EmbeddedKafkaBroker.class";

    private QuickstartBrokerJars() {}

    /** The jars to add to this class path for the broker: none when it already has it. */
    static List<Path> toAdd() {
        if (QuickstartBrokerJars.class.getClassLoader().getResource(BROKER_CLASS) != null) {
            return List.of();
        }
        Path dir = bridgeJar().resolveSibling(DIRECTORY);
        List<Path> jars = jarsIn(dir);
        if (jars.isEmpty()) {
            throw Problem.of("The quickstart's Kafka broker is not installed")
                    .because(
                            "%s holds no jars: the bridge jar carries no broker, the quickstart loads one from there",
                            dir)
                    .fix(
                            "unpack bridge-<version>-quickstart.tar.gz over the distribution (it adds lib/quickstart/), or run"
                                    + " the quickstart from a build of the repository (mvn -DskipTests package, then"
                                    + " java -jar cli/target/bridge.jar quickstart)")
                    .config();
        }
        return jars;
    }

    private static Path bridgeJar() {
        try {
            return Path.of(QuickstartBrokerJars.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the bridge's own code location is not a path", e);
        }
    }

    private static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw Problem.of("Could not list the quickstart's broker jars in %s", dir)
                    .because("%s", e.getMessage())
                    .fix("check that the directory is readable")
                    .runtime(e);
        }
    }
}
