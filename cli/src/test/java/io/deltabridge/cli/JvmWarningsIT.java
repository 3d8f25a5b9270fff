package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a user sees on the JDK this test runs on (both legs: Java 17 and 25): the quickstart through
 * {@code java -jar bridge.jar} and through the distribution's {@code bin/bridge} launcher exits 0
 * and prints no JVM warning (restricted native access, sun.misc.Unsafe, CDS).
 */
class JvmWarningsIT {
    /** HotSpot's and the JDK's warning forms: "WARNING: …", "[warning][cds] …", "… VM warning: …". */
    static final Pattern JVM_WARNING = Pattern.compile("(?m)^(WARNING: .*|\\[[^]]*\\]\\[warning\\].*|.*VM warning.*)$");

    @RegisterExtension
    static final Distribution.Unpacked DIST =
            new Distribution.Unpacked(Distribution.PRODUCTION, Distribution.QUICKSTART);

    @Test
    void quickstartFromTheJarPrintsNoJvmWarning() throws Exception {
        String out = run(
                List.of(
                        java(),
                        "-jar",
                        Distribution.TARGET.resolve("bridge.jar").toString(),
                        "quickstart"),
                Map.of());
        assertTrue(out.contains("[8] Done"), out);
    }

    /** The launcher's class archive, recorded by a run and used by the next, is {@link ClassArchiveIT}'s. */
    @Test
    void quickstartFromTheLauncherPrintsNoJvmWarning() throws Exception {
        Map<String, String> env = Map.of(
                "JAVA_HOME",
                System.getProperty("java.home"),
                "XDG_CACHE_HOME",
                DIST.home().resolve("cache").toString());
        String out = run(List.of(DIST.home().resolve("bin/bridge").toString(), "quickstart", "--rows", "5"), env);
        assertTrue(out.contains("[8] Done"), out);
    }

    /** Runs {@code command}, asserts exit 0 and no JVM warning, returns its output. */
    private static String run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] bytes = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "ended: " + command);
        String out = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), out);
        Matcher warning = JVM_WARNING.matcher(out);
        if (warning.find()) {
            fail("JVM warning on Java " + Runtime.version().feature() + ": " + warning.group() + "\n" + out);
        }
        return out;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
