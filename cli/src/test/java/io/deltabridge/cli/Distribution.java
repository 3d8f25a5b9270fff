package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The distribution tarball {@code mvn package} built in target/, unpacked to a directory for a test. */
final class Distribution {
    static final Path TARGET = Path.of("target");

    private Distribution() {}

    static Path tarball() throws IOException {
        try (var files = Files.list(TARGET)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-dist.tar.gz")).findFirst().orElseThrow();
        }
    }

    /** Unpacks the tarball without its top directory into a new temporary directory. */
    static Path unpack() throws IOException, InterruptedException {
        Path dist = Files.createTempDirectory("bridge-dist-");
        Path tarball = tarball();
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toAbsolutePath().toString(), "-C", dist.toString(),
                "--strip-components=1").inheritIO().start();
        assertEquals(0, tar.waitFor(), "tar of " + tarball);
        return dist;
    }
}
