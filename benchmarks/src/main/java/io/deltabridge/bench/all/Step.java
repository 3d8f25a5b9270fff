package io.deltabridge.bench.all;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * One row of the side-by-side table: the bridge's figure, Spark's and the raw Kafka limit's (NaN where there is
 * none), and the targets of issue 11 it is held to (none: shown for information).
 */
record Step(String name, double bridge, double spark, String rawName, double raw, Ratio ratio, List<Target> targets) {

    /** A rate against Spark's and a raw Kafka limit's, ratios as factors. */
    static Step rate(String name, double bridge, double spark, String rawName, double raw, Target... targets) {
        return new Step(name, bridge, spark, rawName, raw, Ratio.TIMES, List.of(targets));
    }

    /** A figure against Spark's (NaN: none), the ratio as a share. */
    static Step share(String name, double bridge, double spark, Target... targets) {
        return new Step(name, bridge, spark, "", Double.NaN, Ratio.PERCENT, List.of(targets));
    }

    /** How a ratio reads: rates as a factor, memory and CPU as a share. */
    enum Ratio {
        TIMES,
        PERCENT;

        String format(double r) {
            if (Double.isNaN(r)) {
                return "";
            }
            return this == TIMES
                    ? String.format(Locale.ROOT, "%.2f×", r)
                    : String.format(Locale.ROOT, "%.0f %%", 100 * r);
        }
    }

    /** A bound on one figure of the step (the bridge's value or one of its ratios), as the table writes it. */
    record Target(String text, ToDoubleFunction<Step> figure, boolean atLeast, double bound) {
        static Target timesSpark(double factor) {
            return new Target(String.format(Locale.ROOT, "≥ %.0f× Spark", factor), Step::perSpark, true, factor);
        }

        static Target shareOfSpark(double share) {
            return new Target(
                    String.format(Locale.ROOT, "≤ %.0f %% of Spark", 100 * share), Step::perSpark, false, share);
        }

        static Target shareOfRaw(double share) {
            return new Target(String.format(Locale.ROOT, "≥ %.0f %% of raw", 100 * share), Step::perRaw, true, share);
        }

        static Target atMost(double limit, String unit) {
            return new Target("≤ " + number(limit) + " " + unit, Step::bridge, false, limit);
        }

        /** "met", "missed", or "not measured" when the figure is missing (a step that failed or was skipped). */
        String verdict(Step step) {
            double v = figure.applyAsDouble(step);
            if (Double.isNaN(v)) {
                return "not measured";
            }
            return (atLeast ? v >= bound : v <= bound) ? "met" : "missed";
        }
    }

    double perSpark() {
        return bridge / spark;
    }

    double perRaw() {
        return bridge / raw;
    }

    String targetText() {
        return targets.stream().map(Target::text).collect(Collectors.joining(", "));
    }

    /** "missed" if a target is, else "not measured" if one is, else "met"; "" without targets. */
    String verdict() {
        List<String> verdicts = targets.stream().map(t -> t.verdict(this)).toList();
        for (String worst : List.of("missed", "not measured", "met")) {
            if (verdicts.contains(worst)) {
                return worst;
            }
        }
        return "";
    }

    /** A figure as the table prints it: thousands separated, two decimals below 10. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
