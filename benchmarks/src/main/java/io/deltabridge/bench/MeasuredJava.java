package io.deltabridge.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The {@code java} command of the measured bridge process: a JDK's {@code java} with the JVM options
 * that {@code bin/bridge} and the container images pass ({@code cli/src/dist/conf/jvm.options}, as a
 * java {@code @argument} file), so the benchmarks measure the JVM users run. Options added after it
 * override the file's. {@code BENCH_JAVA_HOME} selects another JDK than the benchmark's own
 * (benchmarks/run-jdks.sh compares them); the broker and the registry stay on the benchmark's JDK, so
 * only the bridge changes between the runs compared. {@code -Dbench.jvm.options=FILE} reads another
 * options file (the benchmark scripts run from the repository's root).
 *
 * <p>On Java 25 and later, {@code bin/bridge} maps an AOT cache that a user's first run recorded (docs/cli.md,
 * "Startup time"), and so does the measured JVM: a benchmark records it in a first, unmeasured run ({@link
 * #aotRecording}), into {@code benchmarks/target/aot/}, one per JDK and class path, as the launcher keeps one per JDK
 * and set of jars: the first benchmark run on a JDK records it for the later ones of both directions, as a user's
 * first run does for all the mappings after it. {@code -Dbench.aot=off} measures without it. The class path must be
 * jars only (an AOT cache takes no classes from directories): the benchmark scripts put the benchmarks' jar on it.
 */
public final class MeasuredJava {
    private MeasuredJava() {}

    /**
     * The measured JVM's flags after the options file: {@code --jvm "FLAGS"}, none by default (the file names the
     * collector, the serial one). Another collector needs {@code -XX:-UseSerialGC} beside it, as {@code bin/bridge}
     * adds: two collectors stop the JVM at its start.
     */
    public static List<String> flags(Map<String, String> options) {
        String flags = options.getOrDefault("jvm", "").trim();
        return flags.isEmpty() ? List.of() : List.of(flags.split(" +"));
    }

    /** The measured JVM's flags as a run's report names them. */
    public static String describe(List<String> flags) {
        boolean aot = aotCache().filter(Files::isRegularFile).isPresent();
        return "conf/jvm.options" + (aot ? " -XX:AOTCache" : "")
                + (flags.isEmpty() ? "" : " " + String.join(" ", flags));
    }

    public static List<String> command() {
        Path options = Path.of(System.getProperty("bench.jvm.options", "cli/src/dist/conf/jvm.options"))
                .toAbsolutePath();
        if (!Files.isRegularFile(options)) {
            throw new IllegalStateException("The bridge's JVM options file " + options + " does not exist: run the"
                    + " benchmark from the repository's root (as benchmarks/run-*.sh do) or pass"
                    + " -Dbench.jvm.options=FILE");
        }
        List<String> command = new ArrayList<>(List.of(java().toString(), "@" + options));
        aotCache().filter(Files::isRegularFile).ifPresent(cache -> {
            command.addAll(aotOptions("AOTCache", cache));
            // a cache the JVM cannot map stops it rather than leaving the run measured without
            command.add("-XX:AOTMode=on");
        });
        return command;
    }

    /**
     * The options of a first run that records the AOT cache the measured runs will map, after {@link #command}; none
     * when it exists already, on Java 17 to 24, or with {@code -Dbench.aot=off}. Such a run is no measurement: the
     * JVM assembles the cache as it exits.
     */
    public static List<String> aotRecording() throws IOException {
        Optional<Path> cache = aotCache().filter(c -> !Files.exists(c));
        if (cache.isEmpty()) {
            return List.of();
        }
        Files.createDirectories(cache.get().getParent());
        return aotOptions("AOTCacheOutput", cache.get());
    }

    private static List<String> aotOptions(String option, Path cache) {
        return List.of("-XX:" + option + "=" + cache.toAbsolutePath(), "-Xlog:aot=off", "-Xlog:cds=off");
    }

    /** The AOT cache of the measured JVM and class path, which may not exist yet; empty before Java 25. */
    private static Optional<Path> aotCache() {
        if ("off".equals(System.getProperty("bench.aot")) || feature(java()) < 25) {
            return Optional.empty();
        }
        // a cache only works with the JDK and the jars (path, size, time) that made it
        CRC32 key = new CRC32();
        key.update(java().toString().getBytes());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File jar = new File(entry);
            key.update((entry + jar.length() + jar.lastModified()).getBytes());
        }
        return Optional.of(Path.of("benchmarks/target/aot", Long.toHexString(key.getValue()) + ".aot"));
    }

    /** The measured JDK: {@code BENCH_JAVA_HOME}, else the benchmark's own. */
    public static Path javaHome() {
        String home = System.getenv("BENCH_JAVA_HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("java.home") : home);
    }

    private static Path java() {
        return javaHome().resolve("bin/java");
    }

    /** The Java feature version of the JDK of {@code java} (its release file). */
    private static int feature(Path java) {
        try {
            Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)")
                    .matcher(Files.readString(java.getParent().getParent().resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
