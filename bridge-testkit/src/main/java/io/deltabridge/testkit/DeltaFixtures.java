package io.deltabridge.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The golden Delta tables written by Spark (see {@code fixtures/delta/README.md} on the classpath), copied
 * out of the classpath into a directory a test owns, with each commit file's modification time set from
 * {@code commits.jsonl} so {@code _commit_timestamp} matches Spark's.
 *
 * <pre>{@code
 * DeltaFixture basic = DeltaFixtures.copy("basic", tempDir);
 * List<ObjectNode> expected = basic.expectedCdf();
 * Snapshot s = TableManager.loadSnapshot(basic.table().toString()).build(engine);
 * }</pre>
 */
public final class DeltaFixtures {
    /** Classpath folder holding one sub-folder per scenario. */
    public static final String RESOURCE_ROOT = "fixtures/delta";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private DeltaFixtures() {}

    /** The scenario names (folders with a {@code table/}), sorted. */
    public static List<String> scenarios() {
        Path root = classpathRoot();
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(p -> Files.isDirectory(p.resolve("table")))
                    .map(p -> stripSlash(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies one scenario (its {@code table/}, expected files, README-like docs) to {@code targetDir/<scenario>}. */
    public static DeltaFixture copy(String scenario, Path targetDir) {
        Path source = classpathRoot().resolve(scenario);
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException("no Delta fixture '" + scenario + "'; known: " + scenarios());
        }
        Path target = targetDir.resolve(scenario);
        copyTree(source, target);
        DeltaFixture fixture = new DeltaFixture(scenario, target);
        fixture.applyCommitTimes();
        return fixture;
    }

    /** Copies every scenario and the README into {@code targetDir}, commit times set. */
    public static List<DeltaFixture> copyAll(Path targetDir) {
        try {
            Files.createDirectories(targetDir);
            Files.copy(
                    classpathRoot().resolve("README.md"),
                    targetDir.resolve("README.md"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scenarios().stream().map(s -> copy(s, targetDir)).toList();
    }

    /** The Jackson mapper the expected rows are parsed with (integers as int/long/BigInteger nodes, never rounded). */
    public static ObjectMapper json() {
        return JSON;
    }

    private static void copyTree(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                // resolve by string: source may live in a jar file system, target on the default one
                Path dest = target.resolve(stripSlash(source.relativize(p).toString()));
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy Delta fixture " + source + " to " + target, e);
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** The fixtures folder, in a directory (IDE, reactor before packaging) or inside the testkit jar. */
    private static synchronized Path classpathRoot() {
        URL readme = DeltaFixtures.class.getClassLoader().getResource(RESOURCE_ROOT + "/README.md");
        if (readme == null) {
            throw new IllegalStateException(
                    RESOURCE_ROOT + "/README.md is not on the classpath: is bridge-testkit a test dependency?");
        }
        try {
            URI uri = readme.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fs.getPath("/" + RESOURCE_ROOT);
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open the Delta fixtures at " + readme, e);
        }
    }
}
