package io.deltabridge.embedded;

/**
 * An optional extra PLAINTEXT listener for {@link EmbeddedKafkaBroker} that advertises another port
 * than the one it binds: clients that bootstrap through {@link EmbeddedKafkaBroker#proxiedBootstrapServers()}
 * learn from the metadata to connect to {@code 127.0.0.1:advertisedPort}, where a proxy (e.g. a
 * slow network) forwards to {@link EmbeddedKafkaBroker#proxiedListenerPort()}. Without the advertised
 * address the clients would bypass a proxy that is only in front of the bootstrap port.
 *
 * @param advertisedPort the proxy's port on 127.0.0.1
 */
public record ProxiedListener(int advertisedPort) {
    static final String NAME = "PROXIED";
}
