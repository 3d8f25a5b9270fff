package io.deltabridge.core.health;

import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.health.MappingHealth.State;
import io.deltabridge.core.pipeline.Bridge;
import io.deltabridge.core.pipeline.Pipeline;
import io.deltabridge.core.pipeline.PipelineStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every mapping of a running {@link Bridge} in the background and keeps the latest
 * {@link HealthReport}, so that a health endpoint answers at once (Kubernetes gives a probe one
 * second by default) whatever the brokers do. Each check reads every mapping's {@link Pipeline#status()}
 * (its stored position against the latest, from the broker and the table: the same clients and
 * storage the mapping needs) and hands it to a {@link StallDetector}. A status that does not
 * answer within the probe timeout makes the mapping {@link State#UNREACHABLE}: a Kafka consumer
 * waits for a lost broker without an error, so only asking tells an idle mapping from a cut-off one.
 * A status read is never interrupted (storage clients do not survive interrupts well); the next
 * check waits for it instead of starting another.
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

    private final Bridge bridge;
    private final StallDetector detector;
    private final Duration probeTimeout;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(daemon("health-check"));
    private final ExecutorService probes = Executors.newCachedThreadPool(daemon("health-probe"));
    private final Map<String, Probe> inFlight = new HashMap<>();
    private volatile HealthReport latest;

    private record Probe(Future<PipelineStatus> status, long startedNanos) {}

    /**
     * @param grace        how long past its own interval a mapping with work waiting may go without progress
     * @param probeTimeout how long a status read may take before the mapping counts as unreachable
     */
    private HealthMonitor(Bridge bridge, Duration grace, Duration probeTimeout) {
        this.bridge = bridge;
        this.detector = new StallDetector(grace, System::nanoTime);
        this.probeTimeout = probeTimeout;
        List<MappingHealth> starting = bridge.pipelines().keySet().stream()
                .map(name -> new MappingHealth(name, State.STARTING, -1, "not checked yet"))
                .toList();
        this.latest = new HealthReport(Instant.now(), starting);
    }

    /** Starts checking {@code bridge} now and then every {@code every}. */
    public static HealthMonitor start(Bridge bridge, Duration every, Duration grace, Duration probeTimeout) {
        HealthMonitor monitor = new HealthMonitor(bridge, grace, probeTimeout);
        monitor.checks.scheduleWithFixedDelay(monitor::checkGuarded, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return monitor;
    }

    /** The result of the latest check (every mapping {@link State#STARTING} before the first). */
    public HealthReport report() {
        return latest;
    }

    @Override
    public void close() {
        checks.shutdownNow();
        probes.shutdown();
    }

    private void checkGuarded() {
        try {
            latest = check();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: the endpoint would freeze on an old answer
            log.warn("Checking the mappings' health failed: {}", e.toString());
        }
    }

    private HealthReport check() {
        Map<String, Pipeline> pipelines = bridge.pipelines();
        pipelines.forEach((name, pipeline) -> {
            if (bridge.failure(name).isEmpty()) {
                inFlight.computeIfAbsent(name, n -> new Probe(probes.submit(pipeline::status), System.nanoTime()));
            }
        });
        Map<String, MappingHealth> found = new LinkedHashMap<>();
        pipelines.forEach((name, pipeline) -> found.put(name, assess(name, pipeline)));
        return new HealthReport(Instant.now(), new ArrayList<>(found.values()));
    }

    private MappingHealth assess(String name, Pipeline pipeline) {
        Optional<RuntimeException> failure = bridge.failure(name);
        if (failure.isPresent()) {
            return new MappingHealth(name, State.FAILED, -1, "stopped: " + message(failure.get()));
        }
        Probe probe = inFlight.get(name);
        long waited = System.nanoTime() - probe.startedNanos();
        try {
            PipelineStatus status =
                    probe.status().get(Math.max(0, probeTimeout.toNanos() - waited), TimeUnit.NANOSECONDS);
            inFlight.remove(name);
            return detector.observed(pipeline.mapping(), status);
        } catch (TimeoutException e) {
            return new MappingHealth(
                    name,
                    State.UNREACHABLE,
                    -1,
                    String.format(
                            "its position has not been readable for %ds: a broker or the table's storage does not answer",
                            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - probe.startedNanos())));
        } catch (ExecutionException e) {
            inFlight.remove(name);
            return new MappingHealth(
                    name, State.UNREACHABLE, -1, "its position cannot be read: " + message(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("health check interrupted", e);
        }
    }

    /** The problem line of a bridge error (never a stack trace, and secrets are already masked in it). */
    private static String message(Throwable e) {
        return e instanceof BridgeException b ? b.problem() : String.valueOf(e.getMessage());
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, "deltabridge-" + name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
