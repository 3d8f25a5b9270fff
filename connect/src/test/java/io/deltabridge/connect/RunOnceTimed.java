package io.deltabridge.connect;

import io.deltabridge.core.pipeline.Bridge;
import io.deltabridge.core.pipeline.RunSummaries;
import io.deltabridge.core.pipeline.RunSummary;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Child JVM of {@link SourceBenchmark}: {@code bridge run --once} of a mapping file, as the CLI runs it, printing
 * one line {@code RESULT records=<n> seconds=<s> cpu_s=<s>}: the records published and the time from the call of
 * {@code runOnce} to its return (JVM start excluded, as in the d2k benchmark's query time).
 */
public final class RunOnceTimed {
    private RunOnceTimed() {}

    public static void main(String[] args) {
        try (Bridge bridge = Bridge.fromConfig(Path.of(args[0]))) {
            long start = System.nanoTime();
            RunSummaries done = bridge.runOnce();
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            System.out.printf(
                    Locale.ROOT,
                    "RESULT records=%d seconds=%.3f cpu_s=%.2f%n",
                    done.summaries().stream().mapToLong(RunSummary::records).sum(),
                    seconds,
                    cpu / 1e9);
        }
    }
}
