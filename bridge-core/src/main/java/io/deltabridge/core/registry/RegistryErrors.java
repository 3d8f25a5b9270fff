package io.deltabridge.core.registry;

import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.registry.HttpSchemaRegistryClient.RegistryResponse;

/** Turns the registry's answers into errors that say problem, cause and fix (and never a credential). */
final class RegistryErrors {
    private static final int MAX_QUOTE = 300;

    private RegistryErrors() {}

    /** The registry refused or failed {@code action}; {@code subject} may be null. */
    static BridgeException failed(RegistryResponse response, String action, String subject, String url) {
        int code = response.errorCode();
        String reason = response.message();
        if (response.status() == 409 || code == 409 || code == 40901) {
            return Problem.of("Schema registry rejected the new schema for subject '%s' as incompatible", subject)
                    .because("%s", reason)
                    .fix(
                            "make the change compatible with the subject's compatibility level (e.g. add fields as nullable "
                                    + "with a default, never remove or retype a required field), or change the subject's level "
                                    + "(PUT %s/config/%s)",
                            url, subject)
                    .config();
        }
        if (code == 422 || (code >= 42200 && code < 42300)) {
            return Problem.of("Schema registry at %s could not %s", url, action)
                    .because("the registry finds the schema invalid (%d): %s", code, reason)
                    .fix("check the schema; the registry must accept Avro schemas")
                    .config();
        }
        if (response.status() == 401 || response.status() == 403) {
            return Problem.of("Schema registry at %s refused to %s", url, action)
                    .because(
                            "%s (HTTP %d): %s",
                            response.status() == 401 ? "authentication failed" : "permission denied",
                            response.status(),
                            reason)
                    .fix(
                            response.status() == 401
                                    ? "check the schema-registry credentials ('basic-auth' or 'basic.auth.user.info' as user:password, or 'bearer.auth.token');"
                                            + " credentials rotated or expired while running need a restart"
                                    : "grant the bridge's registry user access to subject '%s'",
                            subject)
                    .runtime(null); // the file may be right and the registry's users changed: not a configuration error
        }
        if (response.status() == 404) {
            return Problem.of("Schema registry at %s could not %s", url, action)
                    .because(
                            "%s %s returned HTTP 404 without a registry error code: %s",
                            response.method(), response.path(), reason)
                    .fix("check that schema-registry 'url' is the base of a Confluent-compatible API "
                            + "(Confluent: https://host:8081, Apicurio: .../apis/ccompat/v7)")
                    .config();
        }
        if (response.status() >= 500) {
            return Problem.of("Schema registry at %s failed to %s", url, action)
                    .because("it answered HTTP %d (error %d): %s", response.status(), code, reason)
                    .fix("check the registry's health and logs; the bridge retries on the next run")
                    .retriable(null);
        }
        return Problem.of("Schema registry at %s could not %s", url, action)
                .because("it answered HTTP %d (error %d): %s", response.status(), code, reason)
                .fix("check the request against the registry's documentation and logs")
                .config();
    }

    static BridgeException unknownId(int id, String url) {
        return Problem.of("Schema id %d is not known to the schema registry at %s", id, url)
                .because("the record was written with a schema that this registry does not have (40403)")
                .fix("point schema-registry 'url' at the registry the producer used")
                .data();
    }

    static BridgeException unreachable(String url, String request, boolean timeout, int attempts, Exception cause) {
        return Problem.of("Schema registry at %s is unreachable", url)
                .because(
                        "%s %s after %d attempt(s): %s",
                        request,
                        timeout ? "timed out" : "failed",
                        attempts,
                        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
                .fix(
                        "check that the registry is running and that schema-registry 'url' (and proxy / TLS settings) are right")
                .retriable(cause);
    }

    /** At most a few hundred characters of a response body for a message. */
    static String brief(String text) {
        if (text == null || text.isBlank()) {
            return "(no details)";
        }
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_QUOTE ? oneLine : oneLine.substring(0, MAX_QUOTE) + "...";
    }
}
