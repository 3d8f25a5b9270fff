package io.deltabridge.bench.k2d;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The upsert run's peer: Spark Structured Streaming {@code foreachBatch} + MERGE INTO (benchmarks/spark-merge, built
 * and located by run-k2d.sh, on its own classpath and a Java 17 JVM) applying the same change topic to a copy of the
 * same table, measured as the bridge is (fresh JVM under {@code /usr/bin/time -v}); commits are the versions it adds
 * to the table's log.
 */
final class SparkMergePeer {
    private final Path classpathFile;
    private final String java;
    private final String xmx;

    SparkMergePeer(Path classpathFile, String java, String xmx) {
        this.classpathFile = classpathFile;
        this.java = java;
        this.xmx = xmx;
    }

    /**
     * A copy of {@code table} for the peer, made before the bridge changes the table: {@code <table>-spark/table}, its
     * checkpoint, Spark's scratch files and log beside it in {@code <table>-spark}.
     */
    static Path copy(Path table) throws IOException {
        return copy(table, "-spark");
    }

    /** A copy of {@code table} as {@code table<suffix>/table}. */
    static Path copy(Path table, String suffix) throws IOException {
        Path copy = Files.createDirectories(table.resolveSibling(table.getFileName() + suffix))
                .resolve("table");
        try (Stream<Path> paths = Files.walk(table)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.copy(p, copy.resolve(table.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    /** Applies {@code topic} to {@code table} and checks the table then holds {@code expectedRows}. */
    Measured run(String name, String bootstrap, Path table, String topic, long events, long expectedRows)
            throws IOException, InterruptedException {
        Path dir = table.getParent();
        Path sparkClasses = classpathFile.resolveSibling("classes");
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-Xmx" + xmx,
                "@" + classpathFile.getParent().getParent().resolve("jvm.options"),
                "-cp",
                sparkClasses + ":" + Files.readString(classpathFile).trim(),
                "io.deltabridge.bench.sparkmerge.SparkMerge",
                bootstrap,
                topic,
                table.toString(),
                dir.resolve("checkpoint").toString(),
                dir.toString(),
                ConsumeOnce.INSIGHTS_DDL));
        long versionsBefore = versions(table);
        TimedRun run = TimedRun.of(name, cmd, dir.resolve("spark-merge.log"));
        long rows = run.number("rows");
        if (run.number("records") != events || rows != expectedRows) {
            throw new IllegalStateException(name + ": expected " + events + " records read and " + expectedRows
                    + " rows, it read " + run.number("records") + " and the table has " + rows);
        }
        double query = run.decimal("query_s");
        long commits = versions(table) - versionsBefore;
        String line = String.format(
                Locale.ROOT,
                "%-32s %9d %10.0f %8s %8.2f %8.2f %8.0f %9s %7s %8d",
                name,
                events,
                events / query,
                "-",
                query,
                run.wallSeconds(),
                run.rssMiB(),
                "-",
                run.result().get("cpu_s"),
                commits);
        System.out.println(line);
        return new Measured(line, events / query, run.rssMiB());
    }

    private static long versions(Path table) throws IOException {
        try (Stream<Path> log = Files.list(table.resolve("_delta_log"))) {
            return log.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json"))
                    .count();
        }
    }
}
