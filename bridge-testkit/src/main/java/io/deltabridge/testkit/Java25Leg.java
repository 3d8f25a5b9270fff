package io.deltabridge.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Proof that a module's integration tests also ran on Java 25. The parent pom runs them twice
 * (failsafe executions {@code java25}, then {@code default}); from the default leg this reads the
 * Java 25 leg's reports, so removing that leg, skipping it or pointing it at another JDK fails the
 * build instead of passing silently.
 */
public final class Java25Leg {
    /** System property (set by the parent pom) naming the Java 25 leg's report directory. */
    public static final String REPORTS = "deltabridge.java25.reports";

    private Java25Leg() {}

    /** Asserts that every {@code *IT} class of the module of {@code guard}, except the guard, ran on Java 25. */
    public static void assertEveryIntegrationTestRan(Class<?> guard) {
        String reports = System.getProperty(REPORTS);
        assertTrue(reports != null, REPORTS + " is not set: run through the parent pom's failsafe configuration");
        Map<String, String> javaBySuite = javaVersionBySuite(Path.of(reports));
        Set<String> expected = integrationTests(guard);
        expected.remove(guard.getName());
        assertTrue(!expected.isEmpty(), "no integration tests found beside " + guard.getName());
        for (String suite : expected) {
            String java = javaBySuite.get(suite);
            if (java == null) {
                fail(suite + " did not run on Java 25 (no report in " + reports + "); ran there: "
                        + javaBySuite.keySet());
            }
            assertEquals("25", java, suite + " ran on Java " + java + " in the Java 25 leg");
        }
    }

    private static Map<String, String> javaVersionBySuite(Path reports) {
        Map<String, String> result = new TreeMap<>();
        if (!Files.isDirectory(reports)) {
            return result;
        }
        try (Stream<Path> files = Files.list(reports)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml"))
                    .toList()) {
                Element suite = DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(file.toFile())
                        .getDocumentElement();
                result.put(suite.getAttribute("name"), property(suite, "java.specification.version"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the Java 25 leg's reports in " + reports, e);
        }
        return result;
    }

    private static String property(Element suite, String name) {
        NodeList properties = suite.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if (name.equals(property.getAttribute("name"))) {
                return property.getAttribute("value");
            }
        }
        return null;
    }

    /** Top-level {@code *IT} classes compiled into the same test-classes directory as {@code guard}. */
    private static Set<String> integrationTests(Class<?> guard) {
        Path root;
        try {
            root = Path.of(
                    guard.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> classes = Files.walk(root)) {
            Set<String> names = new TreeSet<>();
            classes.map(root::relativize)
                    .map(Path::toString)
                    .filter(name -> name.endsWith("IT.class") && !name.contains("$"))
                    .forEach(name -> names.add(
                            name.substring(0, name.length() - ".class".length()).replace('/', '.')));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
