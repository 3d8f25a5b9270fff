package io.deltabridge.core.registry;

import io.deltabridge.core.error.Problem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** Registry URLs: checked, and as they may be shown (never with credentials). */
final class RegistryUrls {
    private RegistryUrls() {}

    /** The decoded {@code user:password} of a URL, if it has one. */
    static Optional<String> userInfo(String url) {
        try {
            return Optional.ofNullable(new URI(url).getUserInfo());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Checks that {@code url} is an absolute http(s) URL with a host; names it without credentials otherwise. */
    static void check(String url) {
        String scheme = null;
        String host = null;
        try {
            URI uri = new URI(url);
            scheme = uri.getScheme();
            host = uri.getHost();
        } catch (URISyntaxException e) {
            // reported below
        }
        if (host == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw Problem.of("Schema registry URL '%s' is not usable", withoutUserInfo(url))
                    .because("it must be an absolute http:// or https:// URL with a host")
                    .fix(
                            "set schema-registry 'url' to e.g. https://registry.example:8081 (Apicurio: http://host:8080/apis/ccompat/v7)")
                    .config();
        }
    }

    /** {@code url} without user info ({@code https://user:secret@host} → {@code https://host}). */
    static String withoutUserInfo(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getRawUserInfo() == null) {
                return url;
            }
            return new URI(
                            uri.getScheme(),
                            null,
                            uri.getHost(),
                            uri.getPort(),
                            uri.getPath(),
                            uri.getQuery(),
                            uri.getFragment())
                    .toString();
        } catch (URISyntaxException e) {
            int at = url.lastIndexOf('@');
            int scheme = url.indexOf("://");
            return at > scheme && scheme >= 0 ? url.substring(0, scheme + 3) + url.substring(at + 1) : url;
        }
    }
}
