package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
