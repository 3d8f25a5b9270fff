package io.deltabridge.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md is the {@link BridgeMeter} catalogue rendered, with each meter's Prometheus names as a
 * real scrape shows them. Fails when the file is stale; {@code -Ddocs.update=true} rewrites it.
 */
class MetricsReferenceTest {
    private static final Path DOC = Path.of(System.getProperty("basedir", "."))
            .toAbsolutePath()
            .resolve("../docs/metrics.md")
            .normalize();
    private static final Pattern TYPE_LINE = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$");

    @Test
    void docsMetricsMdListsEveryMeter() throws IOException {
        String rendered = render();
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(DOC, rendered);
        }
        String onDisk = Files.exists(DOC) ? Files.readString(DOC) : "";
        assertEquals(
                rendered,
                onDisk,
                DOC + " is stale: regenerate it with "
                        + "mvn -pl bridge-core -am test -Dtest=MetricsReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Ddocs.update=true");
    }

    static String render() {
        StringBuilder md = new StringBuilder("""
                # Metrics reference

                <!-- generated from io.deltabridge.core.metrics.BridgeMeter by MetricsReferenceTest: do not edit by hand -->

                Every mapping records these meters with Micrometer, tagged `bridge` (the mapping file's `name`) and
                `mapping` (the mapping's `name`); no tag ever carries a setting. `bridge run --http-port PORT` serves
                them at `/metrics` in the Prometheus text format, beside the JVM's own (`jvm_*`, `process_*`) and the
                Kafka clients' own (`kafka_consumer_*`, `kafka_producer_*`, e.g. `kafka_consumer_fetch_manager_records_lag`
                per topic and partition), which carry the same `bridge` and `mapping` tags. An application embedding the
                bridge binds them to its registry with `Bridge.builder().meterRegistry(registry)`.
                Timers publish a histogram (`_bucket` series) for `histogram_quantile`. The health endpoints are described
                in [health.md](health.md).

                | Meter | Prometheus | Type | Mappings | Meaning |
                | --- | --- | --- | --- | --- |
                """);
        for (BridgeMeter meter : BridgeMeter.values()) {
            md.append("| `")
                    .append(meter.meterName())
                    .append("` | ")
                    .append(String.join(
                            ", ",
                            prometheusNames(meter).stream()
                                    .map(n -> "`" + n + "`")
                                    .toList()))
                    .append(" | ")
                    .append(meter.type().name().toLowerCase())
                    .append(" | ")
                    .append(meter.direction())
                    .append(" | ")
                    .append(meter.description())
                    .append(" |\n");
        }
        return md.toString();
    }

    /** The series names a Prometheus scrape shows for {@code meter} alone. */
    private static List<String> prometheusNames(BridgeMeter meter) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try {
            MappingMeters meters = new MappingMeters(registry, "b", "m");
            switch (meter.type()) {
                case COUNTER -> meters.counter(meter).increment();
                case TIMER -> meters.timer(meter);
                case GAUGE -> meters.gauge(meter, 1);
            }
            Matcher m = TYPE_LINE.matcher(registry.scrape());
            List<String> names = m.results().map(r -> r.group(1)).toList();
            assertFalse(names.isEmpty(), meter + " is not in the scrape");
            return names;
        } finally {
            registry.close();
        }
    }
}
