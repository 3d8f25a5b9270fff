package io.deltabridge.bench;

import java.nio.file.Path;

/**
 * The {@code java} that runs the measured bridge process. {@code BENCH_JAVA_HOME} selects another
 * JDK than the benchmark's own (benchmarks/run-jdks.sh compares them); the broker and the registry
 * stay on the benchmark's JDK, so only the bridge changes between the runs compared.
 */
public final class MeasuredJava {
    private MeasuredJava() {}

    public static String binary() {
        String home = System.getenv("BENCH_JAVA_HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("java.home") : home, "bin", "java")
                .toString();
    }
}
