package io.deltabridge.core.registry;

import java.net.URI;
import java.net.URISyntaxException;

/** Registry URLs as they may be shown: never with credentials. */
final class RegistryUrls {
    private RegistryUrls() {}

    /** {@code url} without user info ({@code https://user:secret@host} → {@code https://host}). */
    static String withoutUserInfo(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getRawUserInfo() == null) {
                return url;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), uri.getFragment())
                .toString();
        } catch (URISyntaxException e) {
            int at = url.lastIndexOf('@');
            int scheme = url.indexOf("://");
            return at > scheme && scheme >= 0 ? url.substring(0, scheme + 3) + url.substring(at + 1) : url;
        }
    }
}
