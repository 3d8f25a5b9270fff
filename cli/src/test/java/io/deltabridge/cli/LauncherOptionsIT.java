package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JVM options of the distribution's {@code conf/jvm.options} (the one list that bin/bridge, the
 * container images and the benchmarks pass) are in effect in the JVM that {@code bin/bridge} starts,
 * and {@code BRIDGE_OPTS} overrides them.
 */
class LauncherOptionsIT {
    /** An {@code -XX:Name=value} or {@code -XX:+Name} line of the options file. */
    private static final Pattern OPTION = Pattern.compile("(?m)^-XX:(?:(\\w+)=(\\S+)|([+-])(\\w+))$");

    @RegisterExtension
    static final Distribution.Unpacked DIST = new Distribution.Unpacked(Distribution.PRODUCTION);

    @Test
    void everyOptionOfTheFileIsInEffect() throws Exception {
        Map<String, String> options = shippedOptions();
        assertEquals("50000", options.get("Tier4InvocationThreshold"), "the later C2 of docs/cli.md: " + options);
        assertEquals("true", options.get("UseSerialGC"), "the collector of docs/cli.md: " + options);
        String flags = finalFlags("");
        options.forEach((name, value) -> assertEquals(value, flag(flags, name), name));
    }

    @Test
    void bridgeOptsOverrideTheFile() throws Exception {
        assertTrue(shippedOptions().containsKey("Tier4InvocationThreshold"));
        assertEquals("7000", flag(finalFlags("-XX:Tier4InvocationThreshold=7000"), "Tier4InvocationThreshold"));
    }

    /** A collector the user names replaces the file's (naming two collectors would stop the JVM at its start). */
    @Test
    void aCollectorTheUserNamesReplacesTheFilesOne() throws Exception {
        String viaBridgeOpts = finalFlags("-XX:+UseG1GC");
        assertEquals("true", flag(viaBridgeOpts, "UseG1GC"));
        assertEquals("false", flag(viaBridgeOpts, "UseSerialGC"));
        String viaEnvironment = finalFlags("", Map.of("JDK_JAVA_OPTIONS", "-XX:+UseParallelGC"));
        assertEquals("true", flag(viaEnvironment, "UseParallelGC"));
        assertEquals("false", flag(viaEnvironment, "UseSerialGC"));
    }

    private static Map<String, String> shippedOptions() throws Exception {
        String text = Files.readString(DIST.home().resolve("conf/jvm.options"));
        Map<String, String> options = new TreeMap<>();
        Matcher m = OPTION.matcher(text);
        while (m.find()) {
            if (m.group(1) != null) {
                options.put(m.group(1), m.group(2));
            } else {
                options.put(m.group(4), Boolean.toString(m.group(3).equals("+")));
            }
        }
        assertFalse(options.isEmpty(), text);
        return options;
    }

    /** HotSpot's final flag values ({@code -XX:+PrintFlagsFinal}) of a {@code bin/bridge --version} run. */
    private static String finalFlags(String bridgeOpts) throws Exception {
        return finalFlags(bridgeOpts, Map.of());
    }

    private static String finalFlags(String bridgeOpts, Map<String, String> environment) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(DIST.home().resolve("bin/bridge").toString(), "--version").redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("BRIDGE_CDS", "off");
        builder.environment().put("BRIDGE_OPTS", "-XX:+PrintFlagsFinal " + bridgeOpts);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    /** The value of flag {@code name}, which must come from the command line. */
    static String flag(String flags, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*\\w+\\s+" + name + "\\s+= (\\S+)\\s+\\{[^}]*\\} \\{command line\\}")
                .matcher(flags);
        assertTrue(m.find(), name + " not set on the command line:\n" + flags);
        return m.group(1);
    }
}
