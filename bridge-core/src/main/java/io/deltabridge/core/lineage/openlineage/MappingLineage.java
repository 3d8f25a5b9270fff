package io.deltabridge.core.lineage.openlineage;

import io.deltabridge.core.config.Secrets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The OpenLineage runs of one mapping: a run is one table version published (delta → kafka) or one
 * commit to the table (kafka → delta). At most one run is open at a time; {@code START} opens it and
 * {@code COMPLETE}, {@code ABORT} or {@code FAIL} closes it. Cheap on the pipeline's thread: it only
 * queues plain values, the JSON is written and sent by the {@link LineageEmitter}'s thread.
 */
public final class MappingLineage {
    /** Records nothing: the mapping file has no {@code openlineage:} section. */
    public static final MappingLineage NONE = new MappingLineage(null, null, List.of(), List.of());

    private final LineageEmitter emitter;
    private final RunEvent.JobId job;
    private final List<LineageDataset> knownInputs;
    private final List<LineageDataset> knownOutputs;

    private UUID open;
    private List<LineageDataset> openInputs;
    private List<LineageDataset> openOutputs;

    MappingLineage(
            LineageEmitter emitter, RunEvent.JobId job, List<LineageDataset> inputs, List<LineageDataset> outputs) {
        this.emitter = emitter;
        this.job = job;
        this.knownInputs = inputs;
        this.knownOutputs = outputs;
    }

    /** Whether events are sent; callers skip building datasets when not. */
    public boolean enabled() {
        return emitter != null;
    }

    /** Whether a run is open. */
    public synchronized boolean isOpen() {
        return open != null;
    }

    /** Starts a run ({@code START}) unless one is open. */
    public synchronized void start(List<LineageDataset> inputs, List<LineageDataset> outputs) {
        if (emitter == null || open != null) {
            return;
        }
        open = RunIds.next();
        openInputs = List.copyOf(inputs);
        openOutputs = List.copyOf(outputs);
        send(RunEvent.Type.START, Optional.empty());
    }

    /** The open run succeeded ({@code COMPLETE}), with what it knows now (versions, statistics). */
    public synchronized void complete(List<LineageDataset> inputs, List<LineageDataset> outputs) {
        if (open == null) {
            return;
        }
        openInputs = List.copyOf(inputs);
        openOutputs = List.copyOf(outputs);
        close(RunEvent.Type.COMPLETE, Optional.empty());
    }

    /** The open run was cut short and nothing of it was committed ({@code ABORT}): a stop, another writer. */
    public synchronized void abort() {
        if (open != null) {
            close(RunEvent.Type.ABORT, Optional.empty());
        }
    }

    /**
     * The open run failed ({@code FAIL}). {@code last}: the mapping stops, and without an open run one is
     * started to carry the failure; otherwise the pipeline tries again, and a failure between runs (the
     * broker unreachable while idle) is not reported.
     */
    public synchronized void fail(Throwable error, boolean last) {
        if (emitter == null) {
            return;
        }
        if (open == null && last) {
            start(knownInputs, knownOutputs);
        }
        if (open != null) {
            close(RunEvent.Type.FAIL, Optional.of(Secrets.maskRemembered(String.valueOf(error.getMessage()))));
        }
    }

    private void close(RunEvent.Type type, Optional<String> error) {
        send(type, error);
        open = null;
        openInputs = null;
        openOutputs = null;
    }

    private void send(RunEvent.Type type, Optional<String> error) {
        emitter.emit(new RunEvent(type, open, Instant.now(), job, openInputs, openOutputs, error));
    }
}
