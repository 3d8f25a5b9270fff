package io.deltabridge.core.retry;

import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import java.time.Duration;
import java.util.Optional;

/**
 * The retry budget of one run of a mapping. A failure the direction calls transient (a broker
 * outage longer than the clients' timeouts, a table location briefly unwritable) is waited out with
 * jittered backoff from {@link #FIRST_DELAY} doubling to {@link #MAX_DELAY}: without limit in
 * continuous mode, where the bridge waits for its brokers, and up to a number of attempts in all for
 * {@code --once}, which then ends with an error that says so. Which failures are transient is the
 * direction's call: each knows what a retried run starts over from.
 */
public final class RunRetries {
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final String mapping;
    private final boolean once;
    private final int onceAttempts;
    private final Backoff backoff;
    private final Runnable onRetry;
    private long failingSinceNanos;

    /** {@code onceAttempts}: the attempts in all (the first included) a {@code --once} run makes. */
    public RunRetries(String mapping, boolean once, int onceAttempts) {
        this(mapping, once, onceAttempts, () -> {});
    }

    /** The same, calling {@code onRetry} for each retry granted (e.g. to count them). */
    public RunRetries(String mapping, boolean once, int onceAttempts, Runnable onRetry) {
        this(mapping, once, onceAttempts, Backoff.exponential(FIRST_DELAY, MAX_DELAY), onRetry);
    }

    RunRetries(String mapping, boolean once, int onceAttempts, Backoff backoff) {
        this(mapping, once, onceAttempts, backoff, () -> {});
    }

    private RunRetries(String mapping, boolean once, int onceAttempts, Backoff backoff, Runnable onRetry) {
        if (onceAttempts < 1) {
            throw new IllegalArgumentException("a run makes at least one attempt, got " + onceAttempts);
        }
        this.mapping = mapping;
        this.once = once;
        this.onceAttempts = onceAttempts;
        this.backoff = backoff;
        this.onRetry = onRetry;
    }

    /** The run moved on: the next outage is a new one and starts with a short delay again. */
    public void succeeded() {
        backoff.reset();
    }

    /**
     * How long to wait before starting over after a transient failure; empty when a {@code --once}
     * run has used its attempts (end it with {@link #exhausted}).
     */
    public Optional<Duration> delayAfterTransientFailure() {
        if (once && backoff.attempts() + 1 >= onceAttempts) {
            return Optional.empty();
        }
        if (backoff.attempts() == 0) {
            failingSinceNanos = System.nanoTime();
        }
        onRetry.run();
        return Optional.of(backoff.next());
    }

    /** The error that ends a {@code --once} run whose attempts all failed transiently, the last as its cause. */
    public RuntimeException exhausted(RuntimeException last, String fix) {
        String cause = last instanceof BridgeException b
                ? b.problem() + (b.reason() == null ? "" : ": " + b.reason())
                : String.valueOf(last.getMessage());
        long seconds = backoff.attempts() == 0
                ? 0
                : Duration.ofNanos(System.nanoTime() - failingSinceNanos).toSeconds();
        return Problem.of("Mapping '%s' gave up after %d attempts in %ss", mapping, backoff.attempts() + 1, seconds)
                .because("%s", cause)
                .fix("%s; the next run resumes from the last commit (without --once the bridge waits for them)", fix)
                .runtime(last);
    }
}
