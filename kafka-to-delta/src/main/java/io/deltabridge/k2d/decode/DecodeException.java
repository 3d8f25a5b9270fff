package io.deltabridge.k2d.decode;

/**
 * A record that cannot be decoded or mapped to the table (bad bytes, unknown schema id, wrong
 * type, missing non-null column, unknown field without {@code _rescued_data}). Routed to the
 * dead-letter topic, or stops the run with {@code on-error: fail}.
 */
public final class DecodeException extends RuntimeException {
    public DecodeException(String message) {
        super(message, null, false, false);
    }

    public DecodeException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** The class named in the {@code deltabridge.error.class} header: the root cause's, else this one. */
    public String errorClass() {
        return getCause() != null ? getCause().getClass().getName() : getClass().getName();
    }
}
