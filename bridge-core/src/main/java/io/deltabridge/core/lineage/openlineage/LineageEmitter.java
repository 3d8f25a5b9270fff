package io.deltabridge.core.lineage.openlineage;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.OpenLineageConfig;
import io.deltabridge.core.config.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the OpenLineage run events of every mapping of a bridge, on one daemon thread of its own
 * behind a bounded queue, so that a slow or absent receiver never slows or stops the data: an event
 * that cannot be delivered is logged (without credentials) and counted, one that finds the queue
 * full is dropped and counted. {@link #close()} delivers what is queued, waiting at most twice the
 * transport's timeout.
 */
public final class LineageEmitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LineageEmitter.class);
    /** Events waiting for delivery; a version or a commit makes two, so this is hundreds of runs. */
    static final int QUEUE = 1_000;

    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    /** Sends nothing. */
    public static final LineageEmitter NONE = new LineageEmitter(null, "", Duration.ZERO);

    private final EventTransport transport;
    private final String namespace;
    private final Duration closeWait;
    private final ThreadPoolExecutor executor;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;

    LineageEmitter(EventTransport transport, String namespace, Duration timeout) {
        this.transport = transport;
        this.namespace = namespace;
        this.closeWait = timeout.multipliedBy(2);
        this.executor = transport == null
                ? null
                : new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, "openlineage-events");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** The emitter the configuration's {@code openlineage:} section asks for; {@link #NONE} without one. */
    public static LineageEmitter create(BridgeConfig config) {
        return config.openLineage()
                .map(ol ->
                        new LineageEmitter(EventTransport.of(ol), ol.namespace().orElse(config.name()), timeout(ol)))
                .orElse(NONE);
    }

    private static Duration timeout(OpenLineageConfig config) {
        return config.transport() == OpenLineageConfig.Transport.HTTP
                ? config.timeout()
                : OpenLineageConfig.DEFAULT_TIMEOUT;
    }

    /**
     * The runs of one mapping, job {@code <bridge>.<mapping>} in this emitter's namespace.
     *
     * @param inputs  what the mapping reads, named for events of a run that failed before it knew more
     * @param outputs what it writes, likewise
     */
    public MappingLineage forMapping(String jobName, List<DatasetId> inputs, List<DatasetId> outputs) {
        if (transport == null) {
            return MappingLineage.NONE;
        }
        return new MappingLineage(
                this,
                new RunEvent.JobId(namespace, jobName),
                inputs.stream().map(LineageDataset::of).toList(),
                outputs.stream().map(LineageDataset::of).toList());
    }

    /** Events delivered so far. */
    public long delivered() {
        return delivered.get();
    }

    /** Events the transport failed to deliver. */
    public long failed() {
        return failed.get();
    }

    /** Events dropped because the queue was full or the emitter closed before their turn. */
    public long dropped() {
        return dropped.get();
    }

    void emit(RunEvent event) {
        try {
            executor.execute(() -> deliver(event));
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet();
            warn(
                    "OpenLineage event {} of {} dropped: {} events already wait for {}",
                    event.type(),
                    event.job().name(),
                    QUEUE,
                    transport.describe());
        }
    }

    private void deliver(RunEvent event) {
        try {
            transport.deliver(RunEventJson.write(event));
            delivered.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropped.incrementAndGet();
        } catch (Exception e) {
            failed.incrementAndGet();
            warn(
                    "OpenLineage event {} of {} not delivered to {}: {} ({} not delivered so far; the data is not affected)",
                    event.type(),
                    event.job().name(),
                    transport.describe(),
                    Secrets.maskRemembered(String.valueOf(e.getMessage())),
                    failed.get());
        }
    }

    /** The first problem, then at most one a minute: a receiver that is down must not flood the log. */
    private void warn(String format, Object... args) {
        boolean due;
        synchronized (this) {
            due = System.nanoTime() - lastWarning >= WARN_EVERY_NANOS;
            if (due) {
                lastWarning = System.nanoTime();
            }
        }
        if (due) {
            LOG.warn(format, args);
        } else {
            LOG.debug(format, args);
        }
    }

    /** Delivers the queued events, waiting at most twice the transport's timeout; the rest are dropped. */
    @Override
    public void close() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(closeWait.toMillis(), TimeUnit.MILLISECONDS)) {
                int left = executor.shutdownNow().size();
                dropped.addAndGet(left);
                // the event being sent is interrupted: let it count itself before the totals are read
                executor.awaitTermination(1, TimeUnit.SECONDS);
                LOG.warn(
                        "{} OpenLineage event(s) were not delivered to {} within {} s of closing",
                        left,
                        transport.describe(),
                        closeWait.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropped.addAndGet(executor.shutdownNow().size());
        }
        if (failed.get() > 0 || dropped.get() > 0) {
            LOG.warn(
                    "OpenLineage: {} event(s) delivered, {} failed, {} dropped",
                    delivered.get(),
                    failed.get(),
                    dropped.get());
        }
    }
}
