package io.deltabridge.bench.all;

import io.deltabridge.bench.headers.HeaderCost;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The figures the project's benchmark scripts print (run-d2k.sh, run-k2d.sh, run-start.sh, run-latency.sh), read
 * back from their standard output by {@link SideBySide}.
 */
final class BenchOutput {
    /** A json run of run-d2k.sh: records, rows/s, MiB/s, query s, wall s, peak RSS MiB, heap MiB, CPU s. */
    static final Pattern D2K_RUN = Pattern.compile("^json \\d+ rows \\(-Xmx\\S+\\) #\\d+\\s.*");
    /** A json run of run-k2d.sh: the same figures as {@link #D2K_RUN}, then the number of commits. */
    static final Pattern K2D_RUN = Pattern.compile("^json \\d+ \\(-Xmx\\S+\\) #\\d+\\s.*");

    static final int RECORDS = 0;
    static final int RATE = 1;
    static final int WALL = 4;
    static final int RSS = 5;
    static final int CPU = 7;

    /** run-start.sh's median lines, one per launcher, under "median of N": the current build's, not --before's. */
    private static final Pattern BIN_BRIDGE_MEDIAN = Pattern.compile("^\\s+bin/bridge\\s+([\\d.]+) s wall .*");

    private static final Pattern JAVA_JAR_MEDIAN = Pattern.compile("^\\s+java -jar\\s+([\\d.]+) s wall .*");
    private static final Pattern LATENCY_MEDIAN =
            Pattern.compile("^poll \\d+ ms\\s+per event\\s+p50\\s+(\\d+)\\s+p90\\s+(\\d+)\\s+p99\\s+(\\d+)\\s.*");

    /** A repetition of run-headers.sh: each header set's rows/s, in the order the repetition ran them. */
    private static final Pattern HEADER_RUN = Pattern.compile("^run \\d+:.*");

    /** A terminal's colour code (Maven's, when a script builds before it runs), kept out of every line read. */
    private static final Pattern COLOUR = Pattern.compile("\u001B\\[[0-9;]*m");

    private BenchOutput() {}

    /** The output's lines without colour codes. */
    private static Stream<String> lines(String output) {
        return output.lines().map(l -> COLOUR.matcher(l).replaceAll(""));
    }

    /**
     * The figures of each run line matching {@code run}, in order: the first eight numbers after the run's name (the
     * scripts print each line twice, during the run and in the summary; repeated lines count once).
     */
    static List<double[]> runs(String output, Pattern run) {
        return new LinkedHashSet<>(
                        lines(output).filter(l -> run.matcher(l).matches()).toList())
                .stream().map(BenchOutput::figures).toList();
    }

    /** The eight numbers after a run line's {@code #<repetition>}. */
    private static double[] figures(String line) {
        return Arrays.stream(line.substring(line.indexOf('#')).split("\\s+"))
                .skip(1)
                .limit(8)
                .mapToDouble(Double::parseDouble)
                .toArray();
    }

    /** run-start.sh's medians: wall seconds of {@code bin/bridge} and of {@code java -jar}. */
    static double[] startMedians(String output) {
        return new double[] {
            Double.parseDouble(only(output, BIN_BRIDGE_MEDIAN).group(1)),
            Double.parseDouble(only(output, JAVA_JAR_MEDIAN).group(1))
        };
    }

    /** run-latency.sh's medians per event for the adaptive (default) polling: p50, p90, p99 in ms. */
    static double[] latencyMedians(String output) {
        Matcher m = only(output, LATENCY_MEDIAN);
        return new double[] {
            Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))
        };
    }

    /**
     * run-headers.sh's repetitions: per repetition, the rows/s of each header set in the order of
     * {@link HeaderCost#SETS}, whatever order the repetition ran them in.
     */
    static List<double[]> headerRuns(String output) {
        List<Pattern> sets = HeaderCost.SETS.stream()
                .map(name -> Pattern.compile(Pattern.quote(name) + " (\\d+) rows/s"))
                .toList();
        return lines(output)
                .filter(l -> HEADER_RUN.matcher(l).matches())
                .map(l -> sets.stream()
                        .mapToDouble(set -> {
                            Matcher m = set.matcher(l);
                            if (!m.find()) {
                                throw new IllegalArgumentException("no " + set.pattern() + " in: " + l);
                            }
                            return Double.parseDouble(m.group(1));
                        })
                        .toArray())
                .toList();
    }

    private static Matcher only(String output, Pattern line) {
        List<Matcher> found =
                lines(output).map(line::matcher).filter(Matcher::matches).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException(
                    found.size() + " lines match " + line.pattern() + " in the benchmark's output (expected one)");
        }
        return found.get(0);
    }
}
