package io.deltabridge.core.config;

import static io.deltabridge.core.config.ConfigOptions.OPENLINEAGE_API_KEY;
import static io.deltabridge.core.config.ConfigOptions.OPENLINEAGE_ENDPOINT;
import static io.deltabridge.core.config.ConfigOptions.OPENLINEAGE_FILE;
import static io.deltabridge.core.config.ConfigOptions.OPENLINEAGE_NAMESPACE;
import static io.deltabridge.core.config.ConfigOptions.OPENLINEAGE_TIMEOUT;
import static io.deltabridge.core.config.ConfigOptions.OPENLINEAGE_TRANSPORT;
import static io.deltabridge.core.config.ConfigOptions.OPENLINEAGE_URL;

import io.deltabridge.core.config.OpenLineageConfig.Transport;
import io.deltabridge.core.error.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code openlineage:} section: which keys each transport needs, and which it would ignore. */
final class OpenLineageBinder {
    /** The keys that only one transport reads: set with another, they would be silently ignored. */
    private static final List<Map.Entry<ConfigOption<?>, Transport>> ONLY_WITH = List.of(
            Map.entry(OPENLINEAGE_URL, Transport.HTTP),
            Map.entry(OPENLINEAGE_ENDPOINT, Transport.HTTP),
            Map.entry(OPENLINEAGE_API_KEY, Transport.HTTP),
            Map.entry(OPENLINEAGE_TIMEOUT, Transport.HTTP),
            Map.entry(OPENLINEAGE_FILE, Transport.FILE));

    private static final ValueType<Transport> TRANSPORTS = ValueType.enumeration(Transport.class);

    private final Problems problems;

    OpenLineageBinder(Problems problems) {
        this.problems = problems;
    }

    Optional<OpenLineageConfig> bind(Section section) {
        if (!section.isPresent()) {
            return Optional.empty();
        }
        section.checkKeys(null, null);
        Transport transport = section.get(OPENLINEAGE_TRANSPORT);
        if (transport == null) {
            return Optional.empty(); // reported as missing or invalid
        }
        for (Map.Entry<ConfigOption<?>, Transport> only : ONLY_WITH) {
            ConfigOption<?> option = only.getKey();
            String needed = TRANSPORTS.render(only.getValue());
            if (section.has(option) && only.getValue() != transport) {
                problems.atKey(
                        section.pathOf(option),
                        Problem.of("`%s` does not apply to `transport: %s`", option.key(), TRANSPORTS.render(transport))
                                .because("only `transport: %s` reads it", needed)
                                .fix("remove `%s`, or write `transport: %s`", option.key(), needed));
            }
        }
        Optional<String> url = section.find(OPENLINEAGE_URL);
        if (transport == Transport.HTTP) {
            requireHttpUrl(section, url);
        }
        String endpoint = section.get(OPENLINEAGE_ENDPOINT);
        if (endpoint != null && !endpoint.startsWith("/")) {
            problems.atValue(
                    section.pathOf(OPENLINEAGE_ENDPOINT),
                    Problem.of("invalid value for `endpoint`")
                            .because("expected a path starting with `/`, got `%s`", endpoint)
                            .fix("write e.g. `endpoint: %s` (the default)", OpenLineageConfig.DEFAULT_ENDPOINT));
        }
        Optional<String> file = section.find(OPENLINEAGE_FILE);
        if (transport == Transport.FILE && !section.has(OPENLINEAGE_FILE)) {
            section.missing(OPENLINEAGE_FILE);
        }
        Duration timeout = section.get(OPENLINEAGE_TIMEOUT);
        return Optional.of(new OpenLineageConfig(
                transport,
                url,
                endpoint == null ? OpenLineageConfig.DEFAULT_ENDPOINT : endpoint,
                section.find(OPENLINEAGE_API_KEY),
                file,
                section.find(OPENLINEAGE_NAMESPACE),
                timeout == null ? OpenLineageConfig.DEFAULT_TIMEOUT : timeout));
    }

    private void requireHttpUrl(Section section, Optional<String> url) {
        if (!section.has(OPENLINEAGE_URL)) {
            section.missing(OPENLINEAGE_URL);
        } else if (url.isPresent() && !ConfigBinder.isHttpUrl(url.get())) {
            problems.atValue(
                    section.pathOf(OPENLINEAGE_URL),
                    Problem.of("invalid value for `url`")
                            .because("expected an http or https URL, got `%s`", Secrets.redactUrl(url.get()))
                            .fix("write the receiver's base URL, e.g. `url: http://marquez:5000`"));
        }
    }
}
