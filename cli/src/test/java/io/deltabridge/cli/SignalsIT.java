package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a real child JVM at the two moments where the bridge once ended with the JVM's own 143
 * instead of the command's exit code (a {@code --once} crash loop saw it): while stopping fails, and
 * after the command returned but before the process exited.
 */
class SignalsIT {
    @Test
    void aStopThatFailsStillEndsWithTheCommandsExitCode() throws Exception {
        Process child = start("stop-fails", "running");
        child.toHandle().destroy(); // SIGTERM, leaving the output readable
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(130, child.exitValue(), out);
        assertTrue(out.contains("closing failed"), "the failure is reported\n" + out);
    }

    @Test
    void aSignalAfterTheCommandReturnedEndsWithTheCodeMainExitsWith() throws Exception {
        Process child = start("after-the-command", "finished");
        child.toHandle().destroy();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Starts the probe and waits for its {@code ready} line. */
    private static Process start(String mode, String ready) throws IOException {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        SignalsProbe.class.getName(),
                        mode)
                .redirectErrorStream(true)
                .start();
        StringBuilder seen = new StringBuilder();
        int c;
        while (!seen.toString().contains(ready) && (c = child.getInputStream().read()) >= 0) {
            seen.append((char) c);
        }
        assertTrue(seen.toString().contains(ready), seen.toString());
        return child;
    }
}
