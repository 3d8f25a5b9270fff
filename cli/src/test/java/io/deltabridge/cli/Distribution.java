package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.deltabridge.embedded.TempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The tarballs {@code mvn package} built in target/, unpacked to a directory for a test: the production
 * distribution ({@code -dist}) and the quickstart's broker unpacked over it ({@code -quickstart}).
 */
final class Distribution {
    static final Path TARGET = Path.of("target");
    static final String PRODUCTION = "dist";
    static final String QUICKSTART = "quickstart";

    private Distribution() {}

    static Path tarball(String id) throws IOException {
        try (var files = Files.list(TARGET)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-" + id + ".tar.gz"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    /** Unpacks the tarballs {@code ids}, in order and without their top directory, into a new temporary directory. */
    static Path unpack(String... ids) throws IOException, InterruptedException {
        Path dist = Files.createTempDirectory("bridge-dist-");
        for (String id : ids) {
            Path tarball = tarball(id);
            Process tar = new ProcessBuilder(
                            "tar",
                            "-xzf",
                            tarball.toAbsolutePath().toString(),
                            "-C",
                            dist.toString(),
                            "--strip-components=1")
                    .inheritIO()
                    .start();
            assertEquals(0, tar.waitFor(), "tar of " + tarball);
        }
        return dist;
    }

    /**
     * The tarballs {@code ids} unpacked for a test class ({@code @RegisterExtension static final}): before its
     * first test, deleted after its last.
     */
    static final class Unpacked implements BeforeAllCallback, AfterAllCallback {
        private final String[] ids;
        private Path home;

        Unpacked(String... ids) {
            this.ids = ids;
        }

        /** The unpacked distribution's top directory (bin/, lib/, plugins/). */
        Path home() {
            return home;
        }

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            home = unpack(ids);
        }

        @Override
        public void afterAll(ExtensionContext context) throws IOException {
            TempDirs.deleteRecursively(home);
        }
    }

    /** The jars under {@code dir}, at any depth, in name order. */
    static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        }
    }
}
