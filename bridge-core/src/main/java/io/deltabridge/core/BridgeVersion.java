package io.deltabridge.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The project version, filtered into a resource at build time: in commits' engineInfo and lineage events. */
public final class BridgeVersion {
    /** {@code 0.1.0}, or {@code unknown} when run from classes that were not built by Maven. */
    public static final String VERSION = read();

    private BridgeVersion() {}

    private static String read() {
        Properties props = new Properties();
        try (InputStream in = BridgeVersion.class.getResourceAsStream("bridge-version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = props.getProperty("version", "unknown");
        return version.startsWith("${") ? "unknown" : version;
    }
}
