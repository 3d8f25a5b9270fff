package io.deltabridge.core.health;

import java.util.Objects;

/**
 * How one mapping is doing, as the {@link HealthMonitor} last saw it.
 *
 * @param mapping the mapping's name
 * @param state   what the last check found
 * @param lag     versions (delta → kafka) or records (kafka → delta) not yet processed; -1 when unknown
 * @param detail  one line for a person: why it is (not) ready
 */
public record MappingHealth(String mapping, State state, long lag, String detail) {

    /** What a check found; {@link #ready()} tells which of them count as ready. */
    public enum State {
        /** Not checked yet. */
        STARTING(false),
        /** Caught up: nothing left to process. */
        IDLE(true),
        /** Its position moved since the last check. */
        PROGRESSING(true),
        /** Work is waiting and the position has not moved, but for less than the mapping's interval and the grace. */
        WAITING(true),
        /** Work is waiting and the position has not moved for longer than the mapping's interval and the grace. */
        STALLED(false),
        /** Its position could not be read: a broker or the table's storage does not answer. */
        UNREACHABLE(false),
        /** The mapping stopped with an error; only a restart brings it back. */
        FAILED(false);

        private final boolean ready;

        State(boolean ready) {
            this.ready = ready;
        }

        public boolean ready() {
            return ready;
        }
    }

    public MappingHealth {
        Objects.requireNonNull(mapping);
        Objects.requireNonNull(state);
        Objects.requireNonNull(detail);
    }

    public boolean ready() {
        return state.ready();
    }
}
