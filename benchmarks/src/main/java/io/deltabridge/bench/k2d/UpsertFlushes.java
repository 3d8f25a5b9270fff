package io.deltabridge.bench.k2d;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the flushes of an upsert run planned, summed from the child's log: one line per plan of
 * {@code io.deltabridge.k2d.delta.UpsertChange} (logged at INFO, the default of the CLI's logback.xml on the class path).
 */
record UpsertFlushes(
        int plans,
        long planMillis,
        long candidates,
        long answeredByIndex,
        long keyFilesRead,
        long keyFileKiB,
        long filesRewritten,
        long filesGivenVectors,
        long indexKiB) {
    private static final Pattern PLAN =
            Pattern.compile("Upsert of \\d+ keys into .* planned on version \\d+ in (\\d+) ms:"
                    + " (\\d+) candidate files, (\\d+) answered by the key index, (\\d+) read for their keys \\((\\d+) KiB of"
                    + " files\\); (\\d+) files (rewritten into \\d+|given deletion vectors \\(\\d+ bytes\\));"
                    + " key index \\d+ files, (\\d+) KiB");

    static UpsertFlushes of(Path log) throws IOException {
        List<Matcher> plans = Files.readAllLines(log).stream()
                .map(PLAN::matcher)
                .filter(Matcher::find)
                .toList();
        long[] sums = new long[5];
        long rewritten = 0;
        long vectors = 0;
        long indexKiB = 0;
        for (Matcher m : plans) {
            for (int i = 0; i < sums.length; i++) {
                sums[i] += Long.parseLong(m.group(i + 1));
            }
            long touched = Long.parseLong(m.group(6));
            if (m.group(7).startsWith("given")) {
                vectors += touched;
            } else {
                rewritten += touched;
            }
            indexKiB = Long.parseLong(m.group(8));
        }
        return new UpsertFlushes(
                plans.size(), sums[0], sums[1], sums[2], sums[3], sums[4], rewritten, vectors, indexKiB);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%d plans, %.2f s each (find + rewrite or mark); candidate files %d: %d answered by the key index, %d read"
                        + " for their keys (%.1f MiB of files); %d files rewritten, %d given deletion vectors; key index at"
                        + " the end %.1f MiB",
                plans,
                plans == 0 ? 0 : planMillis / 1000.0 / plans,
                candidates,
                answeredByIndex,
                keyFilesRead,
                keyFileKiB / 1024.0,
                filesRewritten,
                filesGivenVectors,
                indexKiB / 1024.0);
    }
}
