package io.deltabridge.k2d.delta;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The {@code engineInfo} of the bridge's commits, {@code deltabridge/<version>}: Kernel prefixes its own
 * ({@code Kernel-4.4.0/deltabridge/0.1.0}), so {@code DESCRIBE HISTORY} names both writers and their versions.
 */
final class EngineInfo {
    static final String VALUE = "deltabridge/" + version();

    private EngineInfo() {}

    private static String version() {
        Properties props = new Properties();
        try (InputStream in = EngineInfo.class.getResourceAsStream("engine-info.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty("version", "unknown");
    }
}
