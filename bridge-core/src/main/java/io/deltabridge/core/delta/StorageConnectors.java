package io.deltabridge.core.delta;

import io.deltabridge.core.error.BridgeException;
import io.deltabridge.core.error.Problem;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises a table on a store whose Hadoop connector is not on the class path (Hadoop says "No
 * FileSystem for scheme", or names a connector class it cannot find) and says which connector set
 * installs it, instead of a generic storage error.
 */
public final class StorageConnectors {
    /** The {@code bin/bridge-plugins} set per scheme. */
    private static final Map<String, String> SETS = Map.of(
            "s3a", "s3", "s3", "s3", "abfs", "azure", "abfss", "azure", "wasb", "azure", "wasbs", "azure", "gs", "gcs");

    private StorageConnectors() {}

    /** The configuration error to report when {@code failure} means the connector of {@code tableUri}'s scheme is missing. */
    public static Optional<BridgeException> missing(String tableUri, Throwable failure) {
        String scheme = scheme(tableUri);
        if (scheme == null || scheme.equals("file") || !connectorMissing(failure)) {
            return Optional.empty();
        }
        String set = SETS.get(scheme);
        Problem problem = Problem.of("No storage connector for %s:// tables (%s)", scheme, tableUri)
                .because(
                        "the jars that read and write %s:// are not on the class path: %s",
                        scheme, rootMessage(failure));
        return Optional.of(
                set == null
                        ? problem.fix("put the Hadoop FileSystem for '%s' (Hadoop 3.4.x) into plugins/", scheme)
                                .config(failure)
                        : problem.fix(
                                        "run `bin/bridge-plugins install %s` (its jars go to plugins/; docs/object-stores.md)",
                                        set)
                                .config(failure));
    }

    /**
     * What the storage answered, for an error message: the cause that says authentication failed
     * (GCS "Error getting access token ...", ABFS "Auth failure ...": the network error under it is
     * only how), else the innermost cause (e.g. the AWS SDK's "Unable to load credentials ...").
     */
    public static Throwable answer(Throwable failure) {
        Throwable innermost = failure;
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getClass().getName().contains("Auth")
                    || String.valueOf(t.getMessage()).contains("Auth failure")) {
                return t;
            }
            innermost = t;
        }
        return innermost;
    }

    private static boolean connectorMissing(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof org.apache.hadoop.fs.UnsupportedFileSystemException
                    || message.contains("No FileSystem for scheme")
                    || ((t instanceof ClassNotFoundException || t instanceof NoClassDefFoundError)
                            && message.contains("org.apache.hadoop.fs"))
                    || (message.contains("ClassNotFoundException") && message.contains("org.apache.hadoop.fs"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.toString();
    }

    private static String scheme(String tableUri) {
        try {
            String scheme = URI.create(tableUri).getScheme();
            return scheme == null ? null : scheme.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
