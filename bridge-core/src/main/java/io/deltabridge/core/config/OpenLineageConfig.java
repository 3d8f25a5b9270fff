package io.deltabridge.core.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the bridge sends its OpenLineage run events (SPEC §8 {@code openlineage:}).
 *
 * @param transport how events leave the process
 * @param url       {@code http}: the receiver's base URL (Marquez: {@code http://marquez:5000})
 * @param endpoint  {@code http}: the path appended to {@code url}, {@code /api/v1/lineage} by default
 * @param apiKey    {@code http}: sent as {@code Authorization: Bearer <key>}; a secret
 * @param file      {@code file}: the file that events are appended to, one JSON object a line
 * @param namespace the jobs' namespace; empty means the bridge name
 * @param timeout   {@code http}: how long one delivery may take before it counts as failed
 */
public record OpenLineageConfig(
        Transport transport,
        Optional<String> url,
        String endpoint,
        Optional<String> apiKey,
        Optional<String> file,
        Optional<String> namespace,
        Duration timeout) {

    public static final String DEFAULT_ENDPOINT = "/api/v1/lineage";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** How events leave the process. */
    public enum Transport {
        /** POST to {@code url + endpoint} (Marquez and any OpenLineage HTTP receiver). */
        HTTP,
        /** Appended to {@code file}, one JSON object a line. */
        FILE,
        /** Printed to standard output, one JSON object a line. */
        CONSOLE
    }

    /** The API key is never shown, nor a password in the URL. */
    @Override
    public String toString() {
        return "OpenLineageConfig[transport=" + transport + ", url=" + url.map(Secrets::redactUrl) + ", endpoint="
                + endpoint
                + ", apiKey=" + apiKey.map(k -> Secrets.MASK) + ", file=" + file + ", namespace=" + namespace
                + ", timeout=" + timeout + "]";
    }
}
