package io.deltabridge.cli;

import io.deltabridge.core.pipeline.Bridge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --http-port PORT [--http-host HOST] [--stall-grace SECONDS]} of {@code bridge run} (SPEC §8). */
final class HttpOptions {
    /** How often the mappings' health is checked. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    /** How long reading a mapping's position may take before it counts as unreachable. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            description = {
                "Serve /metrics (Prometheus), /health/live and /health/ready on this port while running"
                        + " (0: any free port, logged). Default: no HTTP endpoint."
            })
    Integer port;

    @Option(
            names = "--http-host",
            paramLabel = "HOST",
            defaultValue = "127.0.0.1",
            description =
                    "The address to serve on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for a Kubernetes probe).")
    String host;

    @Option(
            names = "--stall-grace",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = {
                "/health/ready reports a mapping stalled when it has data waiting and its position has not moved"
                        + " for its own interval (flush.max-interval, poll-interval) plus this many seconds (default: ${DEFAULT-VALUE})."
            })
    long stallGraceSeconds;

    private MeterRegistry registry;

    /** Refuses values no server could take, before anything is opened. */
    void check(CommandLine command) {
        if (port != null && (port < 0 || port > 65_535)) {
            throw new ParameterException(
                    command, "--http-port must be a port from 0 (any free one) to 65535, got " + port);
        }
        if (stallGraceSeconds < 0) {
            throw new ParameterException(command, "--stall-grace must be 0 or more seconds, got " + stallGraceSeconds);
        }
    }

    /** Where the bridge's meters go: the registry /metrics renders when serving, else a private one. */
    MeterRegistry meterRegistry() {
        if (registry == null) {
            registry = port == null ? new SimpleMeterRegistry() : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        }
        return registry;
    }

    /** The endpoint for {@code bridge}, serving from now on; null when no port was asked for. */
    HttpEndpoint startFor(Bridge bridge) {
        if (port == null) {
            return null;
        }
        return HttpEndpoint.start(
                host,
                port,
                bridge,
                (PrometheusMeterRegistry) meterRegistry(),
                CHECK_EVERY,
                Duration.ofSeconds(stallGraceSeconds),
                PROBE_TIMEOUT);
    }
}
