package io.deltabridge.core.pipeline;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ConfigLoader;
import io.deltabridge.core.config.MappingConfig;
import io.deltabridge.core.config.Secrets;
import io.deltabridge.core.delta.LogStores;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.kafka.KafkaAccessErrors;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.lineage.openlineage.LineageEmitter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge embedded in an application: every mapping of a configuration (or a selection)
 * as a {@link Pipeline}, run once or continuously. Direction modules ({@code delta-to-kafka},
 * {@code kafka-to-delta}) are found with {@link java.util.ServiceLoader}; a mapping whose
 * module is missing from the classpath is a configuration error.
 *
 * <p>Run once, e.g. from a scheduler:
 * <pre>{@code
 * try (Bridge bridge = Bridge.fromConfig(Path.of("bridge.yaml"))) {
 *     RunSummaries done = bridge.runOnce();
 * }
 * }</pre>
 *
 * <p>Run continuously, a thread per mapping, until {@link #close()}:
 * <pre>{@code
 * Bridge bridge = Bridge.builder()
 *         .config(config)
 *         .mappings("churn-scores-out")
 *         .listener(new PipelineListener() {
 *             public void onVersionPublished(String mapping, long version, long events) { ... }
 *         })
 *         .build();
 * bridge.start();
 * ...
 * bridge.close(); // stops the pipelines; each finishes or aborts its transaction
 * }</pre>
 *
 * <p>Thread-safe. {@code runOnce()} and {@code start()} may be called once per instance.
 */
public final class Bridge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Bridge.class);

    private enum State {
        NEW,
        RUNNING,
        CLOSED
    }

    private final BridgeContext context;
    private final Map<String, Pipeline> pipelines;
    private final List<Thread> threads = new ArrayList<>();
    private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    private final Map<String, RuntimeException> failedMappings = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private State state = State.NEW;

    private Bridge(BridgeContext context, Map<String, Pipeline> pipelines) {
        this.context = context;
        this.pipelines = pipelines;
    }

    /** A bridge for every mapping of the mapping file at {@code path}. */
    public static Bridge fromConfig(Path path) {
        return builder().config(path).build();
    }

    /** A bridge for every mapping of {@code config}. */
    public static Bridge fromConfig(BridgeConfig config) {
        return builder().config(config).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The configuration this bridge runs. */
    public BridgeConfig config() {
        return context.config();
    }

    /** The pipelines by mapping name, in file order. */
    public Map<String, Pipeline> pipelines() {
        return pipelines;
    }

    /**
     * Processes everything available now in every mapping (in parallel), commits and returns.
     * A mapping that fails does not stop the others (they finish their run), except on an
     * {@link Error}, which stops them all.
     *
     * @throws BridgeException the first failure, the others attached as suppressed; an
     *         {@link Error} of a mapping as a {@link io.deltabridge.core.error.RuntimeFailureException}
     */
    public RunSummaries runOnce() {
        long start = System.nanoTime();
        Map<String, RunSummary> done = new LinkedHashMap<>();
        startThreads("once", pipeline -> {
            RunSummary summary = pipeline.runOnce();
            synchronized (done) {
                done.put(pipeline.mapping().name(), summary);
            }
        });
        awaitTermination();
        List<RunSummary> ordered = pipelines.keySet().stream()
                .map(done::get)
                .filter(Objects::nonNull)
                .toList();
        return new RunSummaries(ordered, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Starts every pipeline continuously, a thread each, and returns; see {@link #awaitTermination()}.
     * A mapping that fails stops alone (reported to {@link PipelineListener#onFailure} and logged)
     * while the others keep running; an {@link Error} (out of memory, stack overflow) stops them all.
     */
    public void start() {
        startThreads("run", Pipeline::runContinuously);
    }

    /**
     * Waits until every started pipeline has returned (after {@link #close()} or a failure).
     *
     * @throws BridgeException the first failure of any pipeline, the others attached as suppressed
     */
    public void awaitTermination() {
        for (Thread thread : startedThreads()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Problem.of("Interrupted while waiting for the pipelines")
                        .fix("close the bridge to stop them")
                        .runtime(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    /** Whether any started pipeline is still running. */
    public boolean isRunning() {
        return startedThreads().stream().anyMatch(Thread::isAlive);
    }

    /** Why the mapping stopped, when it failed while this bridge ran (the others keep running). */
    public Optional<RuntimeException> failure(String mapping) {
        return Optional.ofNullable(failedMappings.get(mapping));
    }

    /** Checks every mapping without writing data; a plan per mapping. */
    public List<Plan> validate() {
        return pipelines.values().stream().map(Pipeline::validate).toList();
    }

    /** Where every mapping stands: position, latest, lag, last commit. */
    public List<PipelineStatus> status() {
        return pipelines.values().stream().map(Pipeline::status).toList();
    }

    /** Where the OpenLineage run events go, with the counts of those delivered, failed and dropped. */
    public LineageEmitter lineage() {
        return context.lineage();
    }

    /**
     * Stops every pipeline (each finishes or aborts its current transaction), waits for their
     * threads and releases clients. Idempotent: a second caller (e.g. a signal handler and the
     * main thread) waits until the first has finished. Does not rethrow pipeline failures.
     */
    @Override
    public void close() {
        boolean first;
        synchronized (this) {
            first = state != State.CLOSED;
            state = State.CLOSED;
        }
        if (!first) {
            awaitUninterruptibly(closed);
            return;
        }
        try {
            pipelines.values().forEach(Pipeline::stop);
            for (Thread thread : startedThreads()) {
                joinUninterruptibly(thread);
            }
            pipelines.values().forEach(Bridge::closeQuietly);
            context.schemaRegistry().ifPresent(Bridge::closeQuietly);
            // after the pipelines: their last runs' events are queued by now and go out before the process ends
            closeQuietly(context.lineage());
        } finally {
            closed.countDown();
        }
    }

    private synchronized void startThreads(String kind, PipelineTask task) {
        if (state != State.NEW) {
            throw Problem.of("This bridge was already %s", state == State.RUNNING ? "started" : "closed")
                    .fix("create a new Bridge for each run")
                    .config();
        }
        state = State.RUNNING;
        for (Pipeline pipeline : pipelines.values()) {
            String name = pipeline.mapping().name();
            Thread thread = new Thread(() -> runGuarded(name, pipeline, task), "bridge-" + kind + "-" + name);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /**
     * Runs one mapping on its thread; whatever it throws ends only that mapping and is kept for
     * {@link #awaitTermination()}. The healthy mappings go on (a data or broker problem of one
     * mapping is no reason to stop the others), except after an {@link Error} (out of memory,
     * stack overflow): the JVM may be in no state to go on, so every mapping is stopped.
     */
    private void runGuarded(String name, Pipeline pipeline, PipelineTask task) {
        try {
            task.run(pipeline);
        } catch (RuntimeException thrown) {
            // wrong credentials or a missing ACL surface anywhere in a pipeline: name them the same way
            failed(name, KafkaAccessErrors.translate(thrown, pipeline.mapping()));
        } catch (Throwable fatal) {
            failed(name, fatalError(name, fatal));
            pipelines.values().forEach(Pipeline::stop);
        }
    }

    private void failed(String name, RuntimeException e) {
        failures.add(e);
        failedMappings.put(name, e);
        log.debug("Mapping {} failed", name, e);
        long running = startedThreads().stream()
                .filter(t -> t.isAlive() && t != Thread.currentThread())
                .count();
        if (running > 0) {
            log.error(
                    "Mapping {} stopped: {} ({} other mapping(s) keep running; the run will end with this error)",
                    name,
                    e.getMessage(),
                    running);
        }
        try {
            context.listener().onFailure(name, e);
        } catch (RuntimeException listenerFailure) {
            log.warn("The listener's onFailure for mapping {} failed: {}", name, listenerFailure.toString());
        }
    }

    /** An {@link Error} as the runtime failure it is for the user (exit code 1), the error as its cause. */
    private static RuntimeException fatalError(String name, Throwable error) {
        if (error instanceof LinkageError) {
            // e.g. a storage connector in plugins/ without the jars it needs
            return Problem.of("Mapping '%s' stopped: a class is missing or does not match: %s", name, error)
                    .because(
                            "a jar on the class path (plugins/) needs another jar, or another version of it; every mapping was stopped, "
                                    + "nothing after the last commit was committed")
                    .fix(
                            "for s3a://, abfss:// or gs:// tables install the version-matched connector set with "
                                    + "`bin/bridge-plugins install s3` (or azure, gcs) instead of single jars (docs/object-stores.md)")
                    .runtime(error);
        }
        return Problem.of("Mapping '%s' stopped on a fatal error: %s", name, error)
                .because(
                        "the JVM cannot go on safely after %s; every mapping was stopped, nothing after the last commit was committed",
                        error.getClass().getSimpleName())
                .fix(
                        "give the process more memory (-Xmx) or stack (-Xss), or find the record that causes it (--stacktrace shows where)")
                .runtime(error);
    }

    private synchronized List<Thread> startedThreads() {
        return List.copyOf(threads);
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Closing {} failed: {}", closeable, e.toString());
        }
    }

    @FunctionalInterface
    private interface PipelineTask {
        void run(Pipeline pipeline);
    }

    /**
     * Configures a {@link Bridge}.
     *
     * <pre>{@code
     * Bridge bridge = Bridge.builder()
     *         .config(Path.of("bridge.yaml"))
     *         .mappings("orders-in")
     *         .kafkaClientFactory(new PropertiesKafkaClientFactory(extraSettings))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private BridgeConfig config;
        private Path configPath;
        private PipelineListener listener = PipelineListener.NONE;
        private final Set<String> mappings = new LinkedHashSet<>();
        private KafkaClientFactory kafka;
        private Function<BridgeConfig, BridgeContext> contextFactory;
        private ClassLoader classLoader = Bridge.class.getClassLoader();
        private MeterRegistry meterRegistry = new SimpleMeterRegistry();

        private Builder() {}

        /** The configuration to run. */
        public Builder config(BridgeConfig config) {
            this.config = Objects.requireNonNull(config);
            this.configPath = null;
            return this;
        }

        /** The mapping file to load (with {@link ConfigLoader}, {@code ${VAR}} from the environment). */
        public Builder config(Path path) {
            this.configPath = Objects.requireNonNull(path);
            this.config = null;
            return this;
        }

        /** Callbacks on commits, dead letters and failures; called from pipeline threads. */
        public Builder listener(PipelineListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /** Runs only these mappings (by name); all of them when never called. */
        public Builder mappings(String... names) {
            this.mappings.addAll(List.of(names));
            return this;
        }

        /** Runs only these mappings (by name); all of them when empty. */
        public Builder mappings(Iterable<String> names) {
            names.forEach(this.mappings::add);
            return this;
        }

        /** Kafka clients from this factory instead of the {@code kafka:} settings. */
        public Builder kafkaClientFactory(KafkaClientFactory kafka) {
            this.kafka = Objects.requireNonNull(kafka);
            return this;
        }

        /** A fully custom context (engine, clients, registry); overrides {@link #kafkaClientFactory}. */
        public Builder context(Function<BridgeConfig, BridgeContext> contextFactory) {
            this.contextFactory = Objects.requireNonNull(contextFactory);
            return this;
        }

        /**
         * The registry the pipelines' meters ({@link io.deltabridge.core.metrics.BridgeMeter}) go to, e.g. the
         * application's own; a private one when never called.
         */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry);
            return this;
        }

        /** Where to look for pipeline providers; defaults to the class loader of {@link Bridge}. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader);
            return this;
        }

        /**
         * Loads the configuration if needed and creates a pipeline per selected mapping.
         *
         * @throws io.deltabridge.core.error.ConfigException an invalid file, an unknown mapping
         *         name, or a mapping whose direction module is not on the classpath
         */
        public Bridge build() {
            BridgeConfig resolved = config != null ? config : load();
            // a configuration built in code was not loaded: its secrets are masked in the logs from here on
            Secrets.remember(resolved);
            List<MappingConfig> selected = select(resolved);
            BridgeContext context = contextFactory != null
                    ? contextFactory.apply(resolved)
                    : BridgeContexts.create(resolved, listener, kafka, meterRegistry);
            Pipelines providers = Pipelines.discover(classLoader);
            Map<String, Pipeline> pipelines = new LinkedHashMap<>();
            try {
                for (MappingConfig mapping : selected) {
                    pipelines.put(mapping.name(), providers.create(context, mapping));
                }
            } catch (RuntimeException e) {
                pipelines.values().forEach(Bridge::closeQuietly);
                context.schemaRegistry().ifPresent(Bridge::closeQuietly);
                closeQuietly(context.lineage());
                throw e;
            }
            // which writers the table's store keeps apart is the one thing a second instance's safety depends on
            selected.forEach(m -> LogStores.ofWriter(m, resolved.delta())
                    .ifPresent(store -> log.info("Mapping '{}' commits through the {}", m.name(), store.describe())));
            return new Bridge(context, Collections.unmodifiableMap(pipelines));
        }

        private BridgeConfig load() {
            if (configPath == null) {
                throw Problem.of("No configuration given to the bridge")
                        .fix("call Bridge.builder().config(path or BridgeConfig)")
                        .config();
            }
            return ConfigLoader.load(configPath);
        }

        private List<MappingConfig> select(BridgeConfig config) {
            if (mappings.isEmpty()) {
                return config.mappings();
            }
            List<MappingConfig> selected = new ArrayList<>();
            for (String name : mappings) {
                selected.add(config.mapping(name)
                        .orElseThrow(() -> Problem.of(
                                        "No mapping named '%s' in %s",
                                        name, config.source().name())
                                .because(
                                        "the file defines %s",
                                        config.mappings().stream()
                                                .map(MappingConfig::name)
                                                .toList())
                                .fix("use one of those names with -m, or add the mapping to the file")
                                .config()));
            }
            return selected;
        }
    }
}
