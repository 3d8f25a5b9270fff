package io.deltabridge.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What would clash on a class path of several jars: a class that two jars hold (which one loads depends on the
 * order of the class path), and a package of the bridge split across jars. Classes are told apart by the
 * CRC-32 and size their jar records, so byte-identical copies are known without reading them.
 */
final class JarClashes {
    /** Class-file prefixes of the families that must never be in two jars, not even as identical copies. */
    static final List<String> STRICT =
            List.of("io/deltabridge/", "io/delta/", "org/apache/kafka/", "org/apache/hadoop/", "org/apache/parquet/");

    private static final String OWN = "io/deltabridge/";

    private record Copy(String jar, long crc, long size) {}

    private final Map<String, List<Copy>> classes = new TreeMap<>();

    private JarClashes() {}

    static JarClashes of(List<Path> jars) throws IOException {
        JarClashes clashes = new JarClashes();
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                zip.stream()
                        .filter(JarClashes::isClass)
                        .forEach(e -> clashes.classes
                                .computeIfAbsent(e.getName(), n -> new ArrayList<>())
                                .add(new Copy(jar.getFileName().toString(), e.getCrc(), e.getSize())));
            }
        }
        return clashes;
    }

    /** Every class name (versioned copies of multi-release jars and module descriptors aside). */
    TreeSet<String> classNames() {
        return new TreeSet<>(classes.keySet());
    }

    /**
     * Per clashing class, the jars that hold it: each class in two jars with different contents, and each class
     * of the {@link #STRICT} families in two jars at all.
     */
    Map<String, List<String>> duplicates() {
        Map<String, List<String>> found = new TreeMap<>();
        classes.forEach((name, copies) -> {
            boolean differ = copies.stream()
                            .map(c -> c.crc() + "/" + c.size())
                            .distinct()
                            .count()
                    > 1;
            if (copies.size() > 1 && (differ || STRICT.stream().anyMatch(name::startsWith))) {
                found.put(name, copies.stream().map(Copy::jar).toList());
            }
        });
        return found;
    }

    /** Per package of the bridge that more than one jar holds classes of, those jars. */
    Map<String, TreeSet<String>> splitOwnPackages() {
        Map<String, TreeSet<String>> jarsOfPackage = new TreeMap<>();
        classes.forEach((name, copies) -> {
            if (name.startsWith(OWN)) {
                String pkg = name.substring(0, name.lastIndexOf('/'));
                copies.forEach(c ->
                        jarsOfPackage.computeIfAbsent(pkg, p -> new TreeSet<>()).add(c.jar()));
            }
        });
        jarsOfPackage.values().removeIf(jars -> jars.size() < 2);
        return jarsOfPackage;
    }

    private static boolean isClass(ZipEntry entry) {
        String name = entry.getName();
        return name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class");
    }
}
