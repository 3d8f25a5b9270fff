package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production tarball's {@code lib/} is laid out like Kafka's {@code libs/}: the bridge's own module jars and
 * each dependency as released, nothing shaded, and no class in two of its jars that could load differently
 * depending on the class path's order. (That the unshaded jars run, service files included, is CronWrapperIT's.)
 */
class LibLayoutIT {
    private static final List<String> OWN_MODULES = List.of("cli", "bridge-core", "delta-to-kafka", "kafka-to-delta");
    /** Dependencies the bridge cannot run without, each its own jar in lib/. */
    private static final List<String> DEPENDENCIES = List.of(
            "kafka-clients-",
            "hadoop-client-api-",
            "hadoop-client-runtime-",
            "parquet-hadoop-",
            "delta-kernel-api-",
            "delta-kernel-defaults-",
            "jackson-databind-",
            "logback-classic-");

    @RegisterExtension
    static final Distribution.Unpacked PRODUCTION = new Distribution.Unpacked(Distribution.PRODUCTION);

    @Test
    void libHoldsTheModulesAndEachDependencyAsItsOwnJar() throws IOException {
        List<String> names = lib().stream().map(j -> j.getFileName().toString()).toList();
        Stream.concat(OWN_MODULES.stream().map(m -> "deltabridge-" + m + "-"), DEPENDENCIES.stream())
                .forEach(prefix -> assertEquals(
                        1, names.stream().filter(n -> n.startsWith(prefix)).count(), prefix + " in " + names));
        assertFalse(names.contains("bridge.jar"), "no shaded jar in lib/: " + names);
    }

    /** Nothing the shaded convenience jar carries is missing from lib/. */
    @Test
    void libHoldsEveryClassOfTheShadedJar() throws IOException {
        TreeSet<String> missing = JarClashes.of(List.of(Distribution.TARGET.resolve("bridge.jar")))
                .classNames();
        missing.removeAll(JarClashes.of(lib()).classNames());
        assertEquals(new TreeSet<>(), missing);
    }

    @Test
    void noClassOfLibIsInTwoJars() throws IOException {
        JarClashes clashes = JarClashes.of(lib());
        assertEquals(Map.of(), clashes.duplicates());
        assertEquals(Map.of(), clashes.splitOwnPackages());
    }

    /** The check above is not vacuous: a shaded jar beside lib/'s jars (the old layout's risk) clashes in every family. */
    @Test
    void aShadedJarBesideLibClashesInEveryFamily() throws IOException {
        Map<String, List<String>> duplicates = JarClashes.of(
                        Stream.concat(lib().stream(), Stream.of(Distribution.TARGET.resolve("bridge.jar")))
                                .toList())
                .duplicates();
        for (String family : JarClashes.STRICT) {
            assertTrue(
                    duplicates.keySet().stream().anyMatch(c -> c.startsWith(family)),
                    family + " among " + duplicates.size() + " clashes");
        }
    }

    private static List<Path> lib() throws IOException {
        return Distribution.jars(PRODUCTION.home().resolve("lib"));
    }
}
