package io.deltabridge.core.pipeline;

import io.deltabridge.core.config.MappingConfig;

/**
 * One mapping at work, in either direction. Created by a {@link PipelineProvider}; owned
 * and closed by whoever created it ({@link Bridge} or an embedding application).
 */
public interface Pipeline extends AutoCloseable {

    MappingConfig mapping();

    /**
     * Processes everything available when called (delta → kafka: up to the latest table
     * version; kafka → delta: up to the end offsets at start), commits, and returns.
     */
    RunSummary runOnce();

    /**
     * Runs until {@link #stop()} is called from another thread, then finishes or aborts the
     * current transaction cleanly and returns.
     */
    RunSummary runContinuously();

    /** Asks a running {@link #runOnce()} or {@link #runContinuously()} to end soon; thread-safe. */
    void stop();

    /** Checks everything it can without writing data and describes what it would do. */
    Plan validate();

    /** Stored position against the latest available, per SPEC §3 {@code status}. */
    PipelineStatus status();

    @Override
    void close();
}
