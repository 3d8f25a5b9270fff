package io.deltabridge.core.pipeline;

import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.MappingConfig;
import io.deltabridge.core.error.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A delta → kafka provider for testing the facade's orchestration (not the pipelines): a
 * mapping named {@code fail-*} fails with a data error, one named {@code oom-*} with an
 * {@link OutOfMemoryError} (in both modes); others report one version and, when run
 * continuously, block until stopped. Registered in META-INF/services of the test classpath.
 */
public final class ScriptedPipelineProvider implements PipelineProvider {
    @Override
    public boolean supports(MappingConfig mapping) {
        return mapping instanceof DeltaToKafkaMapping;
    }

    @Override
    public Pipeline create(BridgeContext context, MappingConfig mapping) {
        return new ScriptedPipeline(context, mapping);
    }

    static final class ScriptedPipeline implements Pipeline {
        private final BridgeContext context;
        private final MappingConfig mapping;
        private final CountDownLatch stopped = new CountDownLatch(1);
        volatile boolean closed;

        ScriptedPipeline(BridgeContext context, MappingConfig mapping) {
            this.context = context;
            this.mapping = mapping;
        }

        @Override
        public MappingConfig mapping() {
            return mapping;
        }

        @Override
        public RunSummary runOnce() {
            failIfScripted();
            context.listener().onVersionPublished(mapping.name(), 7, 3);
            return new RunSummary(mapping.name(), 1, 3, 30, 0, Duration.ofMillis(1));
        }

        @Override
        public RunSummary runContinuously() {
            failIfScripted();
            try {
                if (!stopped.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never stopped");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new RunSummary(mapping.name(), 0, 0, 0, 0, Duration.ZERO);
        }

        /** Whether {@link #stop()} was called. */
        boolean stopped() {
            return stopped.getCount() == 0;
        }

        private void failIfScripted() {
            if (mapping.name().startsWith("fail")) {
                throw Problem.of("Mapping %s failed on purpose", mapping.name()).data();
            }
            if (mapping.name().startsWith("oom")) {
                throw new OutOfMemoryError("Java heap space (scripted)");
            }
        }

        @Override
        public void stop() {
            stopped.countDown();
        }

        @Override
        public Plan validate() {
            return new Plan(mapping.name(), List.of("ok"));
        }

        @Override
        public PipelineStatus status() {
            return new PipelineStatus(
                    mapping.name(),
                    "delta-to-kafka",
                    Map.of("version", 7L),
                    Map.of("version", 9L),
                    2,
                    Optional.empty());
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
