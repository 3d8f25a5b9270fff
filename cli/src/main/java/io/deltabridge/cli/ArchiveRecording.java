package io.deltabridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The class archive {@code bin/bridge} records during a first run (docs/cli.md, "Startup time"). A run that fails has
 * loaded few of the classes a run needs (a first try often fails at its mapping file), and an archive is never
 * recorded twice: so the launcher names a marker file to a recording run, a run that ends in failure creates it, and
 * the next start drops what this run recorded and records again.
 */
final class ArchiveRecording {
    /** The system property through which {@code bin/bridge} names the marker of a recording run. */
    static final String FAILED_MARKER = "deltabridge.archive.failed-marker";

    private ArchiveRecording() {}

    /** The process is about to end with {@code exitCode}. */
    static void ending(int exitCode) {
        String marker = System.getProperty(FAILED_MARKER);
        if (marker == null || exitCode == 0) {
            return;
        }
        try {
            Files.write(Path.of(marker), new byte[0]);
        } catch (IOException | RuntimeException e) {
            // the archive of this run is kept: later starts are slower, nothing else
        }
    }
}
