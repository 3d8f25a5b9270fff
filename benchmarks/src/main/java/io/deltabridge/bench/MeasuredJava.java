package io.deltabridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code java} command of the measured bridge process: a JDK's {@code java} with the JVM options
 * that {@code bin/bridge} and the container images pass ({@code cli/src/dist/conf/jvm.options}, as a
 * java {@code @argument} file), so the benchmarks measure the JVM users run. Options added after it
 * override the file's. {@code BENCH_JAVA_HOME} selects another JDK than the benchmark's own
 * (benchmarks/run-jdks.sh compares them); the broker and the registry stay on the benchmark's JDK, so
 * only the bridge changes between the runs compared. {@code -Dbench.jvm.options=FILE} reads another
 * options file (the benchmark scripts run from the repository's root).
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
        return "conf/jvm.options" + (flags.isEmpty() ? "" : " " + String.join(" ", flags));
    }

    public static List<String> command() {
        String home = System.getenv("BENCH_JAVA_HOME");
        String java = Path.of(home == null || home.isBlank() ? System.getProperty("java.home") : home, "bin", "java")
                .toString();
        Path options = Path.of(System.getProperty("bench.jvm.options", "cli/src/dist/conf/jvm.options"))
                .toAbsolutePath();
        if (!Files.isRegularFile(options)) {
            throw new IllegalStateException("The bridge's JVM options file " + options + " does not exist: run the"
                    + " benchmark from the repository's root (as benchmarks/run-*.sh do) or pass"
                    + " -Dbench.jvm.options=FILE");
        }
        return List.of(java, "@" + options);
    }
}
