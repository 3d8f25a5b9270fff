package io.deltabridge.core.config;

import java.util.Map;
import java.util.Optional;

/**
 * A Confluent-Schema-Registry-compatible endpoint.
 *
 * @param url        base URL, e.g. {@code https://registry:8081} or Apicurio's {@code .../apis/ccompat/v7}
 * @param basicAuth  {@code user:password}, a secret
 * @param properties further client settings (e.g. {@code ssl.truststore.location}, timeouts), verbatim
 */
public record RegistryConfig(String url, Optional<String> basicAuth, Map<String, String> properties) {
    public RegistryConfig {
        properties = Map.copyOf(properties);
    }

    @Override
    public String toString() {
        return "RegistryConfig[url=" + Secrets.redactUrl(url) + ", basicAuth=" + basicAuth.map(a -> Secrets.MASK)
                + ", properties=" + Secrets.redact(properties) + "]";
    }
}
